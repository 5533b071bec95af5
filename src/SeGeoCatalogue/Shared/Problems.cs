namespace SeGeoCatalogue.Shared;

/// <summary>Collects field errors and turns them into one ValidationProblem (400) naming each field.</summary>
public sealed class FieldErrors
{
    readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool Any => _errors.Count > 0;

    /// <summary>How many messages so far (a check compares it before and after to see whether it added any).</summary>
    public int Count => _errors.Values.Sum(v => v.Count);

    /// <summary>Every message with its field, in the order the fields were first named.</summary>
    public IEnumerable<(string Field, string Message)> All => _errors.SelectMany(e => e.Value.Select(m => (e.Key, m)));

    public FieldErrors Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list)) _errors[field] = list = [];
        list.Add(message);
        return this;
    }

    public IResult ToResult(string title = "The request has invalid values.") =>
        TypedResults.ValidationProblem(
            _errors.ToDictionary(e => e.Key, e => e.Value.ToArray()),
            detail: string.Join(" ", _errors.SelectMany(e => e.Value.Select(m => $"{e.Key}: {m}"))),
            title: title);
}
