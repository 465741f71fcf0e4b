namespace Workshop.Tests.Workshop;

/// <summary>
/// The tests that run the workshop's notebooks share one local stack and run one at a time: the notebooks of one
/// engine build on each other's data (and on <c>.fraudlab/notebooks/stream.json</c>), so two sequences never interleave.
/// </summary>
[CollectionDefinition(Name)]
public sealed class WorkshopCollection : ICollectionFixture<WorkshopSession>
{
    public const string Name = "workshop";
}
