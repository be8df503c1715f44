using System.Text;

namespace Grader.Grading.Text;

/// <summary>
/// Text that every store can hold. PostgreSQL's text and jsonb refuse U+0000, and a UTF-8 encoder refuses a lone
/// surrogate (which .NET strings and JSON's \uD800 escapes can carry): people's input holding either is refused,
/// and what a program printed has each replaced by U+FFFD.
/// </summary>
public static class StorableText
{
    /// <summary>Whether <paramref name="text"/> holds a character no store can hold.</summary>
    public static bool HasUnstorable(string text) => IndexOfUnstorable(text) >= 0;

    /// <summary>The text with U+0000 and each lone surrogate replaced by U+FFFD; the same instance when there is none.</summary>
    public static string MakeStorable(string text)
    {
        var first = IndexOfUnstorable(text);
        if (first < 0) return text;
        var result = new StringBuilder(text.Length).Append(text, 0, first);
        for (var i = first; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                result.Append(c).Append(text[++i]);
            else
                result.Append(c == '\0' || char.IsSurrogate(c) ? '\uFFFD' : c);
        }
        return result.ToString();
    }

    /// <summary>
    /// JSON text that jsonb can hold: raw characters as <see cref="MakeStorable"/>, and the escapes <c>\u0000</c>
    /// and lone surrogate escapes (which a serializer writes for such characters) turned into <c>\uFFFD</c>.
    /// </summary>
    public static string MakeStorableJson(string json)
    {
        json = MakeStorable(json);
        if (!json.Contains("\\u", StringComparison.Ordinal)) return json;
        var result = new StringBuilder(json.Length);
        for (var i = 0; i < json.Length; i++)
        {
            if (json[i] != '\\' || i + 1 >= json.Length)
            {
                result.Append(json[i]);
                continue;
            }
            // Every backslash starts a two-character escape, so an escaped backslash is never read as a \u.
            if (json[i + 1] != 'u' || EscapedChar(json, i) is not { } escaped)
            {
                result.Append(json, i, 2);
                i++;
                continue;
            }
            var paired = char.IsHighSurrogate(escaped) && EscapedChar(json, i + 6) is { } low && char.IsLowSurrogate(low);
            if (paired)
            {
                result.Append(json, i, 12);
                i += 11;
                continue;
            }
            result.Append(escaped == '\0' || char.IsSurrogate(escaped) ? "\\uFFFD" : json.AsSpan(i, 6));
            i += 5;
        }
        return result.ToString();
    }

    /// <summary>The character of the <c>\uXXXX</c> escape at <paramref name="at"/>, or null when there is none.</summary>
    private static char? EscapedChar(string json, int at) =>
        at + 6 <= json.Length && json[at] == '\\' && json[at + 1] == 'u'
        && ushort.TryParse(json.AsSpan(at + 2, 4), System.Globalization.NumberStyles.AllowHexSpecifier, null, out var code)
            ? (char)code : null;

    private static int IndexOfUnstorable(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\0') return i;
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) i++;
            else if (char.IsSurrogate(c)) return i;
        }
        return -1;
    }
}
