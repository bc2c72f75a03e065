using HiringPlatform.Calibration.Engine.Import;
using Xunit;

namespace HiringPlatform.Calibration.Engine.Tests;

public class ImportTests
{
    private const string Header = "candidate_id,interviewer_id,interview_id,interview_type,competency,rating,recommendation,probe_share,occurred_at\n";

    private static CalibrationImportException Fails(string ratings, string? candidates = null, string? blueprints = null, RatingScale? scale = null) =>
        Assert.Throws<CalibrationImportException>(() => CalibrationImporter.Import(
            new CsvSource("ratings.csv", ratings),
            candidates is null ? null : new CsvSource("candidates.csv", candidates),
            blueprints is null ? null : new CsvSource("blueprints.csv", blueprints),
            scale ?? RatingScale.Default));

    [Fact]
    public void A_rating_outside_the_scale_names_file_line_column_and_the_scale()
    {
        var e = Fails(Header + "n1,a,i1,coding,algorithms,3,yes,,\nn1,a,i1,coding,communication,5,yes,,\n");
        Assert.Equal("ratings.csv:3:6 (column 'rating'): expected an integer rating from 1 to 4 (the scale), or empty for not assessed, found '5'", e.Message);
    }

    [Fact]
    public void A_rating_below_a_custom_scale_is_rejected_and_zero_is_accepted_on_a_0_to_3_scale()
    {
        var e = Fails(Header + "n1,a,i1,coding,algorithms,0,,,\n");
        Assert.Contains("ratings.csv:2:6", e.Message, StringComparison.Ordinal);
        var data = CalibrationImporter.Import(new CsvSource("ratings.csv", Header + "n1,a,i1,coding,algorithms,0,,,\n"), null, null, new RatingScale(0, 3));
        Assert.Equal(0, data.Observations[0].Category);
    }

    [Fact]
    public void An_optional_interviewer_name_column_names_the_interviewer_in_the_report()
    {
        const string header = "candidate_id,interviewer_id,interview_id,interview_type,competency,rating,interviewer_name\n";
        var data = CalibrationImporter.Import(new CsvSource("ratings.csv", header + "n1,b,i1,coding,algorithms,3,\"Okafor, Ada\"\nn1,b,i1,coding,communication,2,\nn1,a,i2,coding,algorithms,2,\n"), null, null, RatingScale.Default);
        Assert.Equal(new[] { "a", "b" }, data.InterviewerIds);
        Assert.Equal(new string?[] { null, "Okafor, Ada" }, data.InterviewerNames);
        var report = Analysis.CalibrationAnalysis.Run(data, null, new Analysis.AnalysisOptions { Fast = true }).Report;
        Assert.Equal("Okafor, Ada", report.Interviewers.Single(i => i.Id == "b").Name);
        Assert.Null(report.Interviewers.Single(i => i.Id == "a").Name);
        Assert.Contains("Okafor, Ada (b)", Reports.ReportTable.Render(report), StringComparison.Ordinal);
    }

    [Fact]
    public void Two_names_for_one_interviewer_are_an_error()
    {
        const string header = "candidate_id,interviewer_id,interview_id,interview_type,competency,rating,interviewer_name\n";
        var e = Fails(header + "n1,a,i1,coding,algorithms,3,Ada\nn2,a,i2,coding,algorithms,2,Bea\n");
        Assert.Equal("ratings.csv:3: interviewer 'a' has two names: 'Ada' (line 2) and 'Bea'; expected one interviewer_name per interviewer", e.Message);
    }

    [Fact]
    public void An_interview_split_across_two_interviewers_is_an_error()
    {
        var e = Fails(Header + "n1,a,i1,coding,algorithms,3,,,\nn1,b,i1,coding,communication,2,,,\n");
        Assert.Equal("ratings.csv:3: interview 'i1' is split across two interviewers: 'a' (line 2) and 'b'; expected one interviewer per interview", e.Message);
    }

    [Fact]
    public void Inconsistent_recommendations_within_one_interview_are_an_error()
    {
        var e = Fails(Header + "n1,a,i1,coding,algorithms,3,yes,,\nn1,a,i1,coding,communication,2,no,,\n");
        Assert.Equal("ratings.csv:3: inconsistent recommendations within interview 'i1': 'yes' (line 2) and 'no'; expected the same recommendation on every row of one interview", e.Message);
    }

    [Fact]
    public void A_recommendation_on_some_rows_of_an_interview_only_is_inconsistent()
    {
        var e = Fails(Header + "n1,a,i1,coding,algorithms,3,yes,,\nn1,a,i1,coding,communication,2,,,\n");
        Assert.Contains("inconsistent recommendations within interview 'i1': 'yes' (line 2) and ''", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_recommendations_probe_shares_and_dates_are_named_with_what_was_expected()
    {
        Assert.Equal(
            "ratings.csv:2:7 (column 'recommendation'): expected one of strong_no, no, yes, strong_yes, or empty, found 'maybe'",
            Fails(Header + "n1,a,i1,coding,algorithms,3,maybe,,\n").Message);
        Assert.Equal(
            "ratings.csv:2:8 (column 'probe_share'): expected a number from 0 to 1 (share of the interview's time), or empty, found '1.5'",
            Fails(Header + "n1,a,i1,coding,algorithms,3,yes,1.5,\n").Message);
        Assert.Equal(
            "ratings.csv:2:9 (column 'occurred_at'): expected an ISO 8601 date-time (e.g. 2025-03-01T14:00:00Z), or empty, found 'yesterday'",
            Fails(Header + "n1,a,i1,coding,algorithms,3,yes,0.5,yesterday\n").Message);
    }

    [Fact]
    public void Header_problems_are_reported_on_line_1()
    {
        Assert.Equal(
            "ratings.csv:1: missing required column 'rating' in the header (required: candidate_id, interviewer_id, interview_id, interview_type, competency, rating)",
            Fails("candidate_id,interviewer_id,interview_id,interview_type,competency\nn1,a,i1,coding,algorithms\n").Message);
        Assert.StartsWith(
            "ratings.csv:1:7 (column 'score'): expected one of the column names candidate_id, interviewer_id,",
            Fails("candidate_id,interviewer_id,interview_id,interview_type,competency,rating,score\n").Message,
            StringComparison.Ordinal);
    }

    [Fact]
    public void A_row_with_the_wrong_number_of_fields_and_an_unclosed_quote_are_errors()
    {
        Assert.Equal("ratings.csv:3: expected 9 fields as in the header, found 8", Fails(Header + "n1,a,i1,coding,algorithms,3,,,\nn1,a,i1,coding,communication,3,,\n").Message);
        Assert.Equal("ratings.csv:2: expected a closing quote before the end of the file", Fails(Header + "n1,a,i1,coding,\"algorithms,3,,,\n").Message);
    }

    [Fact]
    public void An_empty_id_and_a_repeated_competency_are_errors()
    {
        Assert.Equal("ratings.csv:2:2 (column 'interviewer_id'): expected a non-empty id, found an empty value", Fails(Header + "n1,,i1,coding,algorithms,3,,,\n").Message);
        Assert.Equal(
            "ratings.csv:3: competency 'algorithms' appears twice in interview 'i1' (lines 2 and 3); expected one row per rated competency",
            Fails(Header + "n1,a,i1,coding,algorithms,3,,,\nn1,a,i1,coding,algorithms,2,,,\n").Message);
    }

    [Fact]
    public void Candidate_and_blueprint_files_are_validated_the_same_way()
    {
        const string ok = Header + "n1,a,i1,coding,algorithms,3,,,\n";
        Assert.Equal("candidates.csv:3:2 (column 'decision'): expected hire, no_hire, or empty, found 'offer'", Fails(ok, "candidate_id,decision\nn1,hire\nn2,offer\n").Message);
        Assert.Equal("candidates.csv:3: candidate 'n1' appears twice (lines 2 and 3); expected one row per candidate", Fails(ok, "candidate_id,decision\nn1,hire\nn1,no_hire\n").Message);
        Assert.Equal("blueprints.csv:2:3 (column 'weight'): expected a positive number, found '-1'", Fails(ok, null, "interview_type,competency,weight\ncoding,algorithms,-1\n").Message);
    }

    [Fact]
    public void A_valid_file_is_read_completely_with_quoted_fields_blank_lines_and_not_assessed_ratings()
    {
        var csv = Header + "\"n,1\",a,i1,coding,algorithms,3,yes,0.7,2026-01-05T09:00:00Z\r\n\"n,1\",a,i1,coding,communication,,yes,0.3,2026-01-05T09:00:00Z\r\n\r\nn2,b,i2,coding,algorithms,1,no,,\n";
        var data = CalibrationImporter.Import(new CsvSource("ratings.csv", csv), new CsvSource("candidates.csv", "candidate_id,decision,group\n\"n,1\",hire,A\nn2,no_hire,B\nn3,hire,A\n"), null, RatingScale.Default);
        Assert.Equal(["n,1", "n2"], data.CandidateIds);
        Assert.Equal(2, data.Observations.Length);
        Assert.Equal(2, data.Scorecards.Count);
        Assert.Equal(2, data.Scorecards[0].ListedCompetencies.Count);
        Assert.Single(data.Scorecards[0].RatedCompetencies);
        Assert.Equal(0.3, data.Scorecards[0].ProbeShares[data.CompetencyIds.ToList().IndexOf("communication")]);
        Assert.Equal(Recommendation.Yes, data.Scorecards[0].Recommendation);
        Assert.Equal([true, false], data.Hired);
        Assert.Equal(["A", "B"], data.GroupIds);
        Assert.Equal("shipped", data.BlueprintSources[0]);
        Assert.Equal(0.5, data.Blueprints[0][data.CompetencyIds.ToList().IndexOf("algorithms")]);
    }

    [Fact]
    public void A_value_that_repeats_down_a_file_is_read_into_one_string_and_quoted_or_long_values_are_read_exactly()
    {
        var longNote = new string('x', 300);
        var table = CsvTable.Parse("ratings.csv",
            "interviewer_id,competency,note\nokafor,\"algo, rithms\",a\nokafor,\"algo, rithms\"," + longNote + "\nokafor,\"say \"\"hi\"\"\"," + longNote + "\n",
            ["interviewer_id", "competency"], ["note"]);

        Assert.Equal(["okafor", "algo, rithms", "a"], table.Records[0].Fields);
        Assert.Equal("say \"hi\"", table.Records[2].Fields[1]);
        Assert.Equal(longNote, table.Records[1].Fields[2]);
        Assert.Equal(longNote, table.Records[2].Fields[2]);
        // The same characters in the same file are the same string, quoted or not, however often they occur.
        Assert.Same(table.Records[0].Fields[0], table.Records[1].Fields[0]);
        Assert.Same(table.Records[0].Fields[0], table.Records[2].Fields[0]);
        Assert.Same(table.Records[0].Fields[1], table.Records[1].Fields[1]);
    }

    [Fact]
    public void Unknown_interview_types_get_the_competencies_seen_equally_weighted_and_files_override_the_shipped_blueprints()
    {
        var csv = Header + "n1,a,i1,pairing,x,3,,,\nn1,a,i1,pairing,y,3,,,\nn1,b,i2,coding,algorithms,2,,,\n";
        var data = CalibrationImporter.Import(new CsvSource("ratings.csv", csv), null, new CsvSource("blueprints.csv", "interview_type,competency,weight\ncoding,algorithms,3\ncoding,communication,1\n"), RatingScale.Default);
        var pairing = data.TypeIds.ToList().IndexOf("pairing");
        var coding = data.TypeIds.ToList().IndexOf("coding");
        Assert.Equal("competencies seen, equally weighted", data.BlueprintSources[pairing]);
        Assert.Equal(0.5, data.Blueprints[pairing][data.CompetencyIds.ToList().IndexOf("x")]);
        Assert.Equal("file", data.BlueprintSources[coding]);
        Assert.Equal(0.75, data.Blueprints[coding][data.CompetencyIds.ToList().IndexOf("algorithms")]);
    }

    [Fact]
    public void The_scale_option_is_parsed_strictly()
    {
        Assert.Equal(new RatingScale(0, 3), RatingScale.Parse("0-3"));
        Assert.Equal("--scale: expected MIN-MAX with 0 <= MIN < MAX (e.g. 1-4), found '4-1'", Assert.Throws<CalibrationImportException>(() => RatingScale.Parse("4-1")).Message);
    }
}
