using System.Numerics;

namespace Grader.Core.Gradebook;

/// <summary>
/// A fraction of big integers, always reduced with a positive denominator. Rates are weighted sums of
/// score / maxScore, and decimal division rounds at 28 digits, which could put a rate that is exactly
/// on a cut score just below it; with fractions the comparison against cut scores is exact.
/// </summary>
internal readonly record struct ExactRational
{
    public BigInteger Numerator { get; }
    public BigInteger Denominator { get; }

    public static readonly ExactRational Zero = new(BigInteger.Zero, BigInteger.One);

    private ExactRational(BigInteger numerator, BigInteger denominator)
    {
        if (denominator.IsZero) throw new DivideByZeroException();
        var divisor = BigInteger.GreatestCommonDivisor(numerator, denominator);
        if (denominator.Sign < 0) divisor = -divisor;
        Numerator = numerator / divisor;
        Denominator = denominator / divisor;
    }

    public static ExactRational FromDecimal(decimal value)
    {
        var bits = decimal.GetBits(value);
        var mantissa = ((BigInteger)(uint)bits[2] << 64) | ((BigInteger)(uint)bits[1] << 32) | (uint)bits[0];
        return new(value < 0 ? -mantissa : mantissa, BigInteger.Pow(10, value.Scale));
    }

    public static implicit operator ExactRational(decimal value) => FromDecimal(value);

    public static ExactRational operator +(ExactRational a, ExactRational b) =>
        new(a.Numerator * b.Denominator + b.Numerator * a.Denominator, a.Denominator * b.Denominator);

    public static ExactRational operator *(ExactRational a, ExactRational b) =>
        new(a.Numerator * b.Numerator, a.Denominator * b.Denominator);

    public static ExactRational operator /(ExactRational a, ExactRational b) =>
        new(a.Numerator * b.Denominator, a.Denominator * b.Numerator);

    public static bool operator >=(ExactRational a, ExactRational b) =>
        a.Numerator * b.Denominator >= b.Numerator * a.Denominator;

    public static bool operator <=(ExactRational a, ExactRational b) => b >= a;

    public static bool operator <(ExactRational a, ExactRational b) => !(a >= b);

    public static bool operator >(ExactRational a, ExactRational b) => !(a <= b);

    /// <summary>
    /// Rounded half away from zero (반올림, half up for the non-negative rates and scores shown) to
    /// <paramref name="decimals"/> places, from the exact value, so 39.995 shows as 40.00 while its level and
    /// credit are still decided on the exact rate below 40.
    /// </summary>
    public decimal RoundHalfUp(int decimals)
    {
        var scale = BigInteger.Pow(10, decimals);
        var quotient = BigInteger.DivRem(BigInteger.Abs(Numerator) * scale, Denominator, out var remainder);
        if (remainder * 2 >= Denominator) quotient++;
        return Numerator.Sign * (decimal)quotient / (decimal)scale;
    }
}
