namespace HiringPlatform.Gateway.Forwarding;

using HiringPlatform.Gateway.Authentication;
using HiringPlatform.ServiceDefaults.Security;
using Yarp.ReverseProxy.Transforms;

/// <summary>
/// The caller's credentials never reach a service: the gateway removes them and forwards its own
/// short-lived token, signed with the internal key, carrying the caller's subject, roles and client
/// (reused per identity by <see cref="InternalTokens"/>).
/// </summary>
public static class IdentityForwarding
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(2);

    public static IReverseProxyBuilder AddIdentityForwarding(this IReverseProxyBuilder proxy)
    {
        proxy.Services.AddSingleton<InternalTokens>();
        return proxy.AddTransforms(transforms => transforms
        // Internal names stay inside: no upstream server banner reaches the caller.
        .AddResponseHeaderRemove("Server", ResponseCondition.Always)
        .AddRequestTransform(context =>
        {
            var headers = context.ProxyRequest.Headers;
            headers.Remove("Authorization");
            headers.Remove(ApiKeyAuthenticationHandler.Header);
            var user = context.HttpContext.User;
            if (user.Identity?.IsAuthenticated == true && user.FindFirst("sub")?.Value is { } subject)
            {
                var token = context.HttpContext.RequestServices.GetRequiredService<InternalTokens>().For(subject,
                    user.Identities.SelectMany(identity => identity.FindAll(identity.RoleClaimType)).Select(c => c.Value),
                    user.FindFirst(Roles.ClientClaimType)?.Value ?? user.FindFirst("azp")?.Value,
                    user.FindFirst("name")?.Value);
                headers.TryAddWithoutValidation("Authorization", $"Bearer {token}");
            }
            return ValueTask.CompletedTask;
        }));
    }
}
