using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace SeGeoCatalogue.Accounts;

/// <summary>Creates the first curator from SEGEO_ADMIN_EMAIL / SEGEO_ADMIN_PASSWORD when no account has that email yet.</summary>
public static partial class FirstCurator
{
    public static async Task EnsureAsync(IServiceProvider services, CancellationToken ct)
    {
        var config = services.GetRequiredService<IConfiguration>();
        var email = config["SEGEO_ADMIN_EMAIL"]?.Trim();
        var password = config["SEGEO_ADMIN_PASSWORD"];
        if (string.IsNullOrEmpty(email) || string.IsNullOrEmpty(password)) return;

        var users = services.GetRequiredService<UserManager<CatalogueUser>>();
        if (await users.FindByEmailAsync(email) is not null) return;
        var log = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(FirstCurator));
        var user = new CatalogueUser
        {
            UserName = email, Email = email, DisplayName = email.Split('@')[0],
            CreatedAt = services.GetRequiredService<TimeProvider>().GetUtcNow(),
        };
        try
        {
            var created = await users.CreateAsync(user, password);
            if (created.Succeeded) created = await users.AddToRoleAsync(user, Roles.Curator);
            if (created.Succeeded) LogCreated(log, email);
            else LogRefused(log, email, string.Join(" ", created.Errors.Select(e => e.Description)));
        }
        catch (DbUpdateException)
        {
            // Another web node created it at the same moment.
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Created the first curator {Email}")]
    static partial void LogCreated(ILogger log, string email);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not create the first curator {Email}: {Errors} Fix SEGEO_ADMIN_PASSWORD and restart.")]
    static partial void LogRefused(ILogger log, string email, string errors);
}
