using System.Security.Cryptography;
using System.Text;

namespace Grader.Core.Domain;

public enum Role { Admin, Designer, Teacher, Student }

public sealed class User
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string Login { get; set; }
    public required string Name { get; set; }
    public Role Role { get; set; }
    /// <summary>SHA-256 of the bearer token: tokens are 256 random bits, so a fast hash is enough.</summary>
    public required string TokenHash { get; set; }
    /// <summary>Slow hash of the web sign-in password; null until one is set.</summary>
    public string? PasswordHash { get; set; }
    public string? StudentNumber { get; set; }
    /// <summary>
    /// Renewed by every password or role change (<see cref="Data.GraderDbContext"/> does it on save): a page
    /// session signed in with an older stamp ends at its next request.
    /// </summary>
    public Guid SecurityStamp { get; set; } = Guid.NewGuid();
    public DateTimeOffset CreatedAt { get; set; }
}

public static class Tokens
{
    /// <summary>A new bearer token: 32 random bytes, URL-safe.</summary>
    public static string Create() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string Hash(string token) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
