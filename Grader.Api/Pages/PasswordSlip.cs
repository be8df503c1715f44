namespace Grader.Api.Pages;

/// <summary>A new or reset account's sign-in, printed and cut out for its owner (<c>_PasswordSlips</c>).</summary>
/// <param name="Detail">What tells two of the same name apart: a student number, a role.</param>
public sealed record PasswordSlip(string Login, string Name, string? Detail, string Password);
