using Grader.Grading.Blocks;
using Grader.Grading.Suites;

namespace Grader.Grading.Tests.Blocks;

public class ComputationalThinkingProfileTests
{
    private static ComputationalThinkingProfile Profile(ProgramLanguage language, string fileName) =>
        ComputationalThinkingProfile.Of(BlockFixtures.Read(language, fileName));

    [Fact]
    public void Scratch_broadcasts_a_clone_and_two_receivers()
    {
        var profile = Profile(ProgramLanguage.Scratch, "broadcast.json");

        Assert.Equal(3, profile.Abstraction); // a clone
        Assert.Equal(1, profile.Parallelism); // two green-flag scripts (a sprite and the stage)
        Assert.Equal(3, profile.Synchronization); // broadcast and wait
        Assert.Equal(2, profile.UserInteractivity); // ask
        Assert.Equal(2, profile.DataRepresentation); // a variable
        Assert.Equal(0, profile.Logic);
    }

    [Fact]
    public void Scratch_sorting_uses_lists_conditions_and_conditional_loops()
    {
        var profile = Profile(ProgramLanguage.Scratch, "sort-list.json");

        Assert.Equal(new ComputationalThinkingProfile(
            Abstraction: 0, Parallelism: 0, Logic: 1, Synchronization: 0, FlowControl: 3,
            UserInteractivity: 2, DataRepresentation: 3), profile);
    }

    [Fact]
    public void A_scratch_custom_block_is_abstraction()
    {
        Assert.Equal(2, Profile(ProgramLanguage.Scratch, "custom-block.json").Abstraction);
    }

    [Fact]
    public void Entry_maps_to_the_same_dimensions()
    {
        Assert.Equal(new ComputationalThinkingProfile(0, 0, 1, 0, 3, 2, 3), Profile(ProgramLanguage.Entry, "sort-list.json"));
        Assert.Equal(2, Profile(ProgramLanguage.Entry, "function.json").Abstraction);
        Assert.Equal(3, Profile(ProgramLanguage.Entry, "broadcast.json").Synchronization);
    }

    [Fact]
    public void Entry_clones_scenes_and_function_locals_count_as_their_scratch_counterparts()
    {
        var profile = Profile(ProgramLanguage.Entry, "clones-text-scenes.json");

        Assert.Equal(3, profile.Abstraction); // a clone
        Assert.Equal(3, profile.Synchronization); // when a scene starts: Scratch's when backdrop switches to
        Assert.Equal(2, profile.DataRepresentation); // variables, a function's local one among them
    }

    [Fact]
    public void Blockly_maps_where_its_blocks_do_and_has_no_events()
    {
        var profile = Profile(ProgramLanguage.Blockly, "function.xml");

        Assert.Equal(2, profile.Abstraction);
        Assert.Equal(2, profile.FlowControl);
        Assert.Equal(2, profile.UserInteractivity);
        Assert.Equal(0, profile.Parallelism);
        Assert.Equal(3, Profile(ProgramLanguage.Blockly, "sort-list.json").DataRepresentation);
    }
}
