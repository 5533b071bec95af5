using SeGeoCatalogue.Shared;

namespace SeGeoCatalogue.Requests;

/// <summary>A new request for the data of a record.</summary>
public sealed record CreateRequestBody(int? DatasetId, string? Purpose, string? UnitsNeeded, string? PeriodNeeded, string? Organisation, string? Contact)
{
    public FieldErrors Validate()
    {
        var errors = new FieldErrors();
        if (DatasetId is null or <= 0) errors.Add("dataset_id", "Name the record whose data you ask for (its id).");
        Require(errors, "purpose", Purpose, 4000, "Say what the data is for (1–4000 characters).");
        Require(errors, "organisation", Organisation, 200, "Name the organisation that will use the data (1–200 characters).");
        Require(errors, "contact", Contact, 200, "Give an email or phone number where the holder can reach you (1–200 characters).");
        if (UnitsNeeded?.Trim().Length > 2000) errors.Add("units_needed", "Keep the areas needed to 2000 characters.");
        if (PeriodNeeded?.Trim().Length > 200) errors.Add("period_needed", "Keep the period needed to 200 characters.");
        return errors;
    }

    static void Require(FieldErrors errors, string field, string? value, int max, string message)
    {
        if ((value?.Trim().Length ?? 0) is 0 || value!.Trim().Length > max) errors.Add(field, message);
    }
}

/// <summary>The holder's answer: grant (optional message and link) or decline (message required).</summary>
public sealed record AnswerBody(string? Decision, string? Message, string? Link)
{
    public FieldErrors Validate()
    {
        var errors = new FieldErrors();
        if (Decision is not ("grant" or "decline")) errors.Add("decision", $"'{Decision}' is not a decision; use grant or decline.");
        if (Decision == "decline" && string.IsNullOrWhiteSpace(Message))
            errors.Add("message", "Say why the request is declined, so the requester knows what to do instead.");
        if (Message?.Trim().Length > 4000) errors.Add("message", "Keep the message to 4000 characters.");
        if (Link?.Trim().Length > 1000) errors.Add("link", "Keep the link or note on sharing to 1000 characters.");
        if (Decision == "decline" && !string.IsNullOrWhiteSpace(Link)) errors.Add("link", "A declined request shares nothing; leave the link empty.");
        return errors;
    }
}

/// <summary>An optional message with a close or a withdrawal.</summary>
public sealed record StepBody(string? Message)
{
    public FieldErrors Validate()
    {
        var errors = new FieldErrors();
        if (Message?.Trim().Length > 4000) errors.Add("message", "Keep the message to 4000 characters.");
        return errors;
    }
}

static class Text
{
    public static string? Trimmed(string? value) => value?.Trim() is { Length: > 0 } t ? t : null;
}
