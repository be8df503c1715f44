namespace Grader.Grading.Similarity;

/// <summary>
/// Python source as similarity tokens: keywords and operators as written, a name the student chose as "ID",
/// literals by kind ("NUM", "STR"), the line structure as "NL", "INDENT" and "DEDENT"; comments and blank lines
/// dropped. Names of Python's own (print, input, range, str methods…) stay as written: renaming one's variables
/// never changes them, and two honest programs differ in which of them they call. Never throws; text that is not
/// Python still gives tokens.
/// </summary>
public static class PythonTokens
{
    private static readonly HashSet<string> s_keywords = new(StringComparer.Ordinal)
    {
        "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del",
        "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda", "nonlocal",
        "not", "or", "pass", "raise", "return", "try", "while", "with", "yield", "match", "case",
    };

    private static readonly HashSet<string> s_ownNames = new(StringComparer.Ordinal)
    {
        // builtins
        "abs", "all", "any", "bin", "bool", "chr", "dict", "divmod", "enumerate", "eval", "filter", "float", "format",
        "hex", "input", "int", "isinstance", "len", "list", "map", "max", "min", "oct", "open", "ord", "pow", "print",
        "range", "repr", "reversed", "round", "set", "sorted", "str", "sum", "tuple", "type", "zip", "super", "object",
        "Exception", "ValueError", "IndexError", "KeyError", "ZeroDivisionError", "__name__", "__main__", "self",
        // common modules and methods of str, list and dict
        "sys", "math", "random", "stdin", "readline", "readlines", "read", "split", "strip", "rstrip", "lstrip", "join",
        "append", "extend", "insert", "pop", "remove", "sort", "reverse", "count", "index", "find", "replace", "upper",
        "lower", "isdigit", "isalpha", "startswith", "endswith", "keys", "values", "items", "get", "sqrt", "floor",
        "ceil", "gcd", "end", "sep", "key",
    };

    // Longest first, so "**=" is one token and not "**" and "=".
    private static readonly string[] s_operators =
    [
        "**=", "//=", ">>=", "<<=", "...", "->", ":=", "==", "!=", "<=", ">=", "**", "//", "<<", ">>", "+=", "-=", "*=",
        "/=", "%=", "&=", "|=", "^=", "@=",
    ];

    public static SimilarityDocument Read(string source)
    {
        var tokens = new List<SimilarityToken>();
        var indents = new Stack<int>([0]);
        var depth = 0; // open brackets: newlines inside them do not end a line
        var atLineStart = true;
        var i = 0;
        while (i < source.Length)
        {
            if (atLineStart && depth == 0)
            {
                var column = 0;
                var j = i;
                while (j < source.Length && source[j] is ' ' or '\t')
                {
                    column += source[j] == '\t' ? 8 - column % 8 : 1;
                    j++;
                }
                // Blank and comment-only lines carry no structure.
                if (j < source.Length && source[j] is '\n' or '\r' or '#')
                {
                    i = SkipLine(source, j);
                    continue;
                }
                if (j >= source.Length) break;
                if (column > indents.Peek())
                {
                    indents.Push(column);
                    tokens.Add(new("INDENT", j, 0));
                }
                while (column < indents.Peek())
                {
                    indents.Pop();
                    tokens.Add(new("DEDENT", j, 0));
                }
                i = j;
                atLineStart = false;
            }
            var c = source[i];
            if (c is '\n' or '\r')
            {
                if (depth == 0 && tokens.Count > 0 && tokens[^1].Kind != "NL") tokens.Add(new("NL", i, 0));
                i++;
                atLineStart = depth == 0;
            }
            else if (c is ' ' or '\t' or '\f')
            {
                i++;
            }
            else if (c == '\\' && i + 1 < source.Length && source[i + 1] is '\n' or '\r')
            {
                i = source[i + 1] == '\r' && i + 2 < source.Length && source[i + 2] == '\n' ? i + 3 : i + 2;
            }
            else if (c == '#')
            {
                while (i < source.Length && source[i] is not ('\n' or '\r')) i++;
            }
            else if (IsNameStart(c))
            {
                var start = i;
                while (i < source.Length && IsNamePart(source[i])) i++;
                if (i < source.Length && source[i] is '"' or '\'' && IsStringPrefix(source[start..i]))
                {
                    i = SkipString(source, i);
                    tokens.Add(new("STR", start, i - start));
                    continue;
                }
                var name = source[start..i];
                var kind = s_keywords.Contains(name) || s_ownNames.Contains(name) ? name : "ID";
                tokens.Add(new(kind, start, i - start));
            }
            else if (char.IsAsciiDigit(c) || (c == '.' && i + 1 < source.Length && char.IsAsciiDigit(source[i + 1])))
            {
                var start = i;
                while (i < source.Length && (char.IsAsciiLetterOrDigit(source[i]) || source[i] is '_' or '.'
                           || (source[i] is '+' or '-' && source[i - 1] is 'e' or 'E' && !IsHex(source, start))))
                {
                    i++;
                }
                tokens.Add(new("NUM", start, i - start));
            }
            else if (c is '"' or '\'')
            {
                var start = i;
                i = SkipString(source, i);
                tokens.Add(new("STR", start, i - start));
            }
            else
            {
                var op = s_operators.FirstOrDefault(o => string.CompareOrdinal(source, i, o, 0, o.Length) == 0) ?? c.ToString();
                if (op is "(" or "[" or "{") depth++;
                else if (op is ")" or "]" or "}" && depth > 0) depth--;
                tokens.Add(new(op, i, op.Length));
                i += op.Length;
            }
        }
        if (tokens.Count > 0 && tokens[^1].Kind != "NL") tokens.Add(new("NL", source.Length, 0));
        while (indents.Count > 1)
        {
            indents.Pop();
            tokens.Add(new("DEDENT", source.Length, 0));
        }
        return new SimilarityDocument(source, [tokens]);
    }

    private static int SkipLine(string source, int i)
    {
        while (i < source.Length && source[i] is not ('\n' or '\r')) i++;
        while (i < source.Length && source[i] is '\n' or '\r') i++;
        return i;
    }

    private static bool IsNameStart(char c) => c == '_' || char.IsLetter(c);

    private static bool IsNamePart(char c) => c == '_' || char.IsLetterOrDigit(c);

    private static bool IsStringPrefix(string name) =>
        name.Length <= 2 && name.All(c => "rRbBuUfF".Contains(c, StringComparison.Ordinal));

    private static bool IsHex(string source, int start) =>
        start + 1 < source.Length && source[start] == '0' && source[start + 1] is 'x' or 'X';

    /// <summary>Past the string literal opening at <paramref name="i"/> (single or triple quoted); an unclosed one ends the line or text.</summary>
    private static int SkipString(string source, int i)
    {
        var quote = source[i];
        var triple = i + 2 < source.Length && source[i + 1] == quote && source[i + 2] == quote;
        i += triple ? 3 : 1;
        while (i < source.Length)
        {
            var c = source[i];
            if (c == '\\')
            {
                i += 2;
                continue;
            }
            if (!triple && c is '\n' or '\r') return i;
            if (c == quote && (!triple || (i + 2 < source.Length && source[i + 1] == quote && source[i + 2] == quote)))
                return i + (triple ? 3 : 1);
            i++;
        }
        return source.Length;
    }
}
