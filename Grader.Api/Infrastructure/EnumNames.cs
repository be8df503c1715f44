namespace Grader.Api.Infrastructure;

public static class EnumNames
{
    /// <summary>Reads a wire name such as "after_due" or "credit"; numbers are refused so "1" is not a valid kind.</summary>
    public static bool TryParse<TEnum>(string? value, out TEnum result) where TEnum : struct, Enum
    {
        result = default;
        return value is not null && !int.TryParse(value, out _)
            && Enum.TryParse(value.Replace("_", ""), ignoreCase: true, out result) && Enum.IsDefined(result);
    }
}
