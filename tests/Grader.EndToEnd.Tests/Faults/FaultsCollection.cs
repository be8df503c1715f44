namespace Grader.EndToEnd.Tests.Faults;

/// <summary>
/// The fault-injection tests run one after another: each loads the machine (hundreds of containers, a private
/// PostgreSQL or Docker daemon) and measures what the service does under it.
/// </summary>
[CollectionDefinition(Name)]
public sealed class FaultsCollection
{
    public const string Name = "Faults";
}
