using System.Text.Json;
using System.Text.Json.Serialization;

namespace Grader.Grading;

/// <summary>
/// The one naming of every enum that leaves the process as text (JSON of the API and of stored documents, the
/// database's text columns, the sandbox's language names): the member's name in snake_case, <c>AfterDue</c> is
/// <c>after_due</c>. JSON uses it through <see cref="WireEnumConverter{TEnum}"/>, everything else through
/// <see cref="ToWire{TEnum}"/>, so the two cannot disagree.
/// </summary>
public static class WireNames
{
    public static readonly JsonNamingPolicy Policy = JsonNamingPolicy.SnakeCaseLower;

    public static string ToWire<TEnum>(this TEnum value) where TEnum : struct, Enum => Names<TEnum>.ByValue[value];

    /// <summary>Reads a wire name exactly as <see cref="ToWire{TEnum}"/> writes it.</summary>
    public static bool TryParseWire<TEnum>(string? text, out TEnum value) where TEnum : struct, Enum
    {
        value = default;
        return text is not null && Names<TEnum>.ByName.TryGetValue(text, out value);
    }

    public static TEnum ParseWire<TEnum>(string text) where TEnum : struct, Enum =>
        TryParseWire<TEnum>(text, out var value) ? value
            : throw new FormatException($"'{text}' is not a {typeof(TEnum).Name} ({string.Join(", ", Names<TEnum>.ByName.Keys)}).");

    /// <summary>Every wire name of <typeparamref name="TEnum"/>, in declaration order.</summary>
    public static IEnumerable<string> All<TEnum>() where TEnum : struct, Enum => Names<TEnum>.ByName.Keys;

    private static class Names<TEnum> where TEnum : struct, Enum
    {
        public static readonly IReadOnlyDictionary<TEnum, string> ByValue =
            Enum.GetValues<TEnum>().ToDictionary(v => v, v => Policy.ConvertName(v.ToString()));

        public static readonly IReadOnlyDictionary<string, TEnum> ByName =
            ByValue.ToDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal);
    }
}

/// <summary>An enum as JSON text in <see cref="WireNames"/>.</summary>
public sealed class WireEnumConverter<TEnum>() : JsonStringEnumConverter<TEnum>(WireNames.Policy)
    where TEnum : struct, Enum;
