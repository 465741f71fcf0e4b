using FraudLab.Broker.Groups;

namespace FraudLab.Broker.Tests.Groups;

public sealed class ProtocolSelectionTests
{
    [Fact]
    public void ProtocolWithMostFirstChoiceVotesAmongTheCommonOnesWins()
    {
        GroupMember[] members = [Member("a", "range", "roundrobin"), Member("b", "roundrobin", "range"), Member("c", "roundrobin", "range")];

        Assert.Equal("roundrobin", ProtocolSelection.Select(members));
    }

    [Fact]
    public void MembersVoteForTheirFavouriteProtocolThatEveryoneSupports()
    {
        GroupMember[] members = [Member("a", "cooperative-sticky", "range"), Member("b", "roundrobin", "range", "cooperative-sticky"), Member("c", "range")];

        Assert.Equal("range", ProtocolSelection.Select(members));
    }

    [Fact]
    public void TiedVotesGoToTheEarliestMembersPreference()
    {
        Assert.Equal("range", ProtocolSelection.Select([Member("a", "range", "roundrobin"), Member("b", "roundrobin", "range")]));
        Assert.Equal("roundrobin", ProtocolSelection.Select([Member("b", "roundrobin", "range"), Member("a", "range", "roundrobin")]));
    }

    [Fact]
    public void NewMemberFitsOnlyIfOneOfItsProtocolsIsSupportedByEveryone()
    {
        GroupMember[] group = [Member("a", "range", "roundrobin"), Member("b", "roundrobin")];

        Assert.True(ProtocolSelection.FitsWith([new GroupProtocol("sticky", []), new GroupProtocol("roundrobin", [])], group));
        Assert.False(ProtocolSelection.FitsWith([new GroupProtocol("range", [])], group));
        Assert.True(ProtocolSelection.FitsWith([new GroupProtocol("range", [])], []));
    }

    private static GroupMember Member(string id, params string[] protocols) =>
        GroupMember.Joining(id, GroupScenario.JoinRequest(id, protocols: protocols), isNew: false);
}
