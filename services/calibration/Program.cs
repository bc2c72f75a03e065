using HiringPlatform.Calibration.Journeys;
using HiringPlatform.ServiceDefaults;
using HiringPlatform.ServiceDefaults.EventStore;
using HiringPlatform.ServiceDefaults.Messaging;
using HiringPlatform.ServiceDefaults.Security;

var builder = WebApplication.CreateBuilder(args);
const string ServiceName = "calibration";

builder.AddServiceDefaults(ServiceName);
builder.AddServiceAuthentication();
builder.Services.AddSingleton(TimeProvider.System);
// Journeys are read live from the event stream (as of any moment), so no projection yet.
builder.AddEventStore("calibration", _ => { });
builder.AddMessaging(ServiceName, bus => bus.AddConsumer<JourneyConsumer>());

var app = builder.Build();
app.UseServiceDefaults();
app.MapJourneyEndpoints();
app.Run();

namespace HiringPlatform.Calibration
{
    /// <summary>Marker for WebApplicationFactory.</summary>
    public sealed class Marker;
}
