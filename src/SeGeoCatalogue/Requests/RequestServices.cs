namespace SeGeoCatalogue.Requests;

public static class RequestServices
{
    /// <summary>The request workflow, its notifications and the outbox sender (after the database start-up, so the schema is there).</summary>
    public static void AddRequests(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<RequestOptions>().BindConfiguration("Requests");
        builder.Services.AddOptions<MailOptions>().BindConfiguration("Mail");
        builder.Services.AddSingleton<RequestCreationLimit>();
        builder.Services.AddScoped<RequestNotifications>();
        builder.Services.AddScoped<RequestSteps>();
        builder.Services.AddHostedService<OutboxSender>();
    }
}
