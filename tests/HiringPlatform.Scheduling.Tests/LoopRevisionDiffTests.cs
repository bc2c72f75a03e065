namespace HiringPlatform.Scheduling.Tests;

using HiringPlatform.Scheduling.Interviews;
using Xunit;

/// <summary>What a loop revision releases, keeps and schedules, without the consumer around it.</summary>
public sealed class LoopRevisionDiffTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 30, 10, 0, 0, TimeSpan.Zero);

    private static LoopSlot Slot(int order, string type = "coding") => new(Guid.CreateVersion7(), order, type, 60, []);

    private static ScheduledInterview Booked(LoopSlot slot) => new(Guid.CreateVersion7(), Guid.Empty, Guid.Empty, slot.SlotId,
        slot.InterviewType, Guid.CreateVersion7(), "i", Start, Start.AddHours(1), null, false);

    [Fact]
    public void An_added_slot_is_scheduled_and_every_booked_interview_stays()
    {
        var (a, b, added) = (Slot(1), Slot(2), Slot(3, "system-design"));
        var booked = new[] { Booked(a), Booked(b) };

        var diff = LoopRevisionDiff.Of(booked, [a, b, added], []);

        Assert.Empty(diff.Released);
        Assert.Equal(booked, diff.Kept);
        Assert.Equal([added], diff.ToSchedule);
    }

    [Fact]
    public void A_removed_slot_releases_its_interview_and_schedules_nothing()
    {
        var (a, b) = (Slot(1), Slot(2));
        var booked = new[] { Booked(a), Booked(b) };

        var diff = LoopRevisionDiff.Of(booked, [a], [b.SlotId]);

        Assert.Equal([booked[1]], diff.Released);
        Assert.Equal([booked[0]], diff.Kept);
        Assert.Empty(diff.ToSchedule);
    }

    [Fact]
    public void A_swap_releases_the_old_slots_interview_and_schedules_the_new_slot()
    {
        var (a, old, replacement) = (Slot(1), Slot(2), Slot(2, "data-modeling"));
        var booked = new[] { Booked(a), Booked(old) };

        var diff = LoopRevisionDiff.Of(booked, [a, replacement], [old.SlotId]);

        Assert.Equal([booked[1]], diff.Released);
        Assert.Equal([booked[0]], diff.Kept);
        Assert.Equal([replacement], diff.ToSchedule);
    }

    [Fact]
    public void An_interview_whose_slot_is_no_longer_in_the_loop_is_released_even_when_not_named_removed()
    {
        var (a, gone) = (Slot(1), Slot(2));
        var booked = new[] { Booked(a), Booked(gone) };

        var diff = LoopRevisionDiff.Of(booked, [a], []);

        Assert.Equal([booked[1]], diff.Released);
        Assert.Empty(diff.ToSchedule);
    }

    [Fact]
    public void A_slot_that_failed_to_schedule_before_is_scheduled_again_with_the_revision()
    {
        var (a, unplaced) = (Slot(1), Slot(2));
        var booked = new[] { Booked(a) };

        var diff = LoopRevisionDiff.Of(booked, [a, unplaced], []);

        Assert.Empty(diff.Released);
        Assert.Equal([unplaced], diff.ToSchedule);
    }
}
