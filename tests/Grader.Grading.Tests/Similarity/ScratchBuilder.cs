using System.Text.Json.Nodes;

namespace Grader.Grading.Tests.Similarity;

/// <summary>
/// Writes Scratch 3 project.json from a short description, so honest solutions read as the scripts they are.
/// An input's value is a <see cref="Block"/> (a reporter), a number, a string (typed text), a <see cref="Variable"/>
/// or a <see cref="Stack"/>. Block ids are drawn from the given random source, so two copies differ in them as
/// two saved projects do.
/// </summary>
internal static class Scratch
{
    public sealed record Block(string Opcode, IReadOnlyList<(string Name, object Value)> Inputs, IReadOnlyList<(string Name, string Value)> Fields);

    public sealed record Stack(IReadOnlyList<Block> Blocks);

    public sealed record Variable(string Name);

    public sealed record ListRef(string Name);

    public sealed record Message(string Name);

    public sealed record Sprite(string Name, IReadOnlyList<Stack> Scripts);

    public sealed record Project(IReadOnlyList<Sprite> Sprites);

    public static Block B(string opcode, params (string, object)[] inputs) => new(opcode, inputs, []);

    private static Block WithField(string opcode, string field, string value, params (string, object)[] inputs) =>
        new(opcode, inputs, [(field, value)]);

    public static Stack Script(params Block[] blocks) => new(blocks);

    public static Stack Flag(params Block[] body) => new([B("event_whenflagclicked"), .. body]);

    public static Stack WhenReceived(string message, params Block[] body) =>
        new([WithField("event_whenbroadcastreceived", "BROADCAST_OPTION", message), .. body]);

    public static Stack Define(string name, params Block[] body) => new([WithField("procedures_definition", "PROCCODE", name), .. body]);

    public static Block Call(string name) => WithField("procedures_call", "PROCCODE", name);

    public static Block Ask(object question) => B("sensing_askandwait", ("QUESTION", question));

    public static Block Answer => B("sensing_answer");

    public static Block Say(object message) => B("looks_say", ("MESSAGE", message));

    public static Block SayFor(object message, object secs) => B("looks_sayforsecs", ("MESSAGE", message), ("SECS", secs));

    public static Block Set(string variable, object value) => WithField("data_setvariableto", "VARIABLE", variable, ("VALUE", value));

    public static Block Change(string variable, object by) => WithField("data_changevariableby", "VARIABLE", variable, ("VALUE", by));

    public static Variable V(string name) => new(name);

    public static ListRef L(string name) => new(name);

    public static Block Add(string list, object item) => WithField("data_addtolist", "LIST", list, ("ITEM", item));

    public static Block Clear(string list) => WithField("data_deletealloflist", "LIST", list);

    public static Block Item(string list, object index) => WithField("data_itemoflist", "LIST", list, ("INDEX", index));

    public static Block Length(string list) => WithField("data_lengthoflist", "LIST", list);

    public static Block Contains(string list, object item) => WithField("data_listcontainsitem", "LIST", list, ("ITEM", item));

    public static Block Broadcast(string message) => B("event_broadcast", ("BROADCAST_INPUT", new Message(message)));

    public static Block BroadcastAndWait(string message) => B("event_broadcastandwait", ("BROADCAST_INPUT", new Message(message)));

    public static Block Repeat(object times, params Block[] body) => B("control_repeat", ("TIMES", times), ("SUBSTACK", new Stack(body)));

    public static Block Until(Block condition, params Block[] body) =>
        B("control_repeat_until", ("CONDITION", condition), ("SUBSTACK", new Stack(body)));

    public static Block Forever(params Block[] body) => B("control_forever", ("SUBSTACK", new Stack(body)));

    public static Block If(Block condition, params Block[] body) => B("control_if", ("CONDITION", condition), ("SUBSTACK", new Stack(body)));

    public static Block IfElse(Block condition, Block[] then, Block[] otherwise) =>
        B("control_if_else", ("CONDITION", condition), ("SUBSTACK", new Stack(then)), ("SUBSTACK2", new Stack(otherwise)));

    public static Block Stop => WithField("control_stop", "STOP_OPTION", "this script");

    public static Block Wait(object seconds) => B("control_wait", ("DURATION", seconds));

    public static Block Math(string op, object a, object b) => B($"operator_{op}", ("NUM1", a), ("NUM2", b));

    public static Block Compare(string op, object a, object b) => B($"operator_{op}", ("OPERAND1", a), ("OPERAND2", b));

    public static Block Not(Block a) => B("operator_not", ("OPERAND", a));

    public static Block Join(object a, object b) => B("operator_join", ("STRING1", a), ("STRING2", b));

    public static Block LetterOf(object index, object text) => B("operator_letter_of", ("LETTER", index), ("STRING", text));

    public static Block TextLength(object text) => B("operator_length", ("STRING", text));

    public static Block Round(object a) => B("operator_round", ("NUM", a));

    public static Block MathOp(string function, object a) => WithField("operator_mathop", "OPERATOR", function, ("NUM", a));

    public static Block Move(object steps) => B("motion_movesteps", ("STEPS", steps));

    /// <summary>The project.json text; the stage holds every variable, list and message, as Scratch stores globals.</summary>
    public static string Json(Project project, Random random)
    {
        string NewId() => new(Enumerable.Range(0, 20).Select(_ => (char)random.Next('a', 'z' + 1)).ToArray());
        var variables = new Dictionary<string, string>();
        var lists = new Dictionary<string, string>();
        var messages = new Dictionary<string, string>();
        string IdOf(Dictionary<string, string> ids, string name) => ids.TryGetValue(name, out var id) ? id : ids[name] = NewId();

        JsonObject Blocks(Sprite sprite)
        {
            var blocks = new JsonObject();
            string Emit(Block block, string? parent, bool topLevel)
            {
                var id = NewId();
                var node = new JsonObject { ["opcode"] = block.Opcode, ["next"] = null, ["parent"] = parent };
                var inputs = new JsonObject();
                var fields = new JsonObject();
                node["inputs"] = inputs;
                node["fields"] = fields;
                node["shadow"] = false;
                node["topLevel"] = topLevel;
                if (topLevel)
                {
                    node["x"] = random.Next(0, 600);
                    node["y"] = random.Next(0, 600);
                }
                if (block.Opcode is "procedures_definition" or "procedures_call")
                {
                    var name = block.Fields[0].Value;
                    if (block.Opcode == "procedures_call")
                    {
                        node["mutation"] = new JsonObject { ["tagName"] = "mutation", ["proccode"] = name, ["argumentids"] = "[]", ["warp"] = "false" };
                    }
                    else
                    {
                        var prototype = NewId();
                        blocks[prototype] = new JsonObject
                        {
                            ["opcode"] = "procedures_prototype", ["next"] = null, ["parent"] = id, ["inputs"] = new JsonObject(),
                            ["fields"] = new JsonObject(), ["shadow"] = true, ["topLevel"] = false,
                            ["mutation"] = new JsonObject { ["tagName"] = "mutation", ["proccode"] = name, ["argumentids"] = "[]", ["argumentnames"] = "[]", ["argumentdefaults"] = "[]", ["warp"] = "false" },
                        };
                        inputs["custom_block"] = new JsonArray(1, prototype);
                    }
                }
                else
                {
                    foreach (var (field, value) in block.Fields)
                    {
                        fields[field] = field switch
                        {
                            "VARIABLE" => new JsonArray(value, IdOf(variables, value)),
                            "LIST" => new JsonArray(value, IdOf(lists, value)),
                            "BROADCAST_OPTION" => new JsonArray(value, IdOf(messages, value)),
                            _ => new JsonArray(value, null),
                        };
                    }
                }
                blocks[id] = node;
                foreach (var (name, value) in block.Inputs)
                {
                    inputs[name] = value switch
                    {
                        Block reporter => new JsonArray(3, Emit(reporter, id, false), new JsonArray(10, "")),
                        Stack stack when stack.Blocks.Count == 0 => null,
                        Stack stack => new JsonArray(2, EmitStack(stack, id, false)),
                        Variable variable => new JsonArray(3, new JsonArray(12, variable.Name, IdOf(variables, variable.Name)), new JsonArray(10, "")),
                        ListRef list => new JsonArray(3, new JsonArray(13, list.Name, IdOf(lists, list.Name)), new JsonArray(10, "")),
                        Message message => new JsonArray(1, new JsonArray(11, message.Name, IdOf(messages, message.Name))),
                        string text => new JsonArray(1, new JsonArray(10, text)),
                        int number => new JsonArray(1, new JsonArray(4, number.ToString(System.Globalization.CultureInfo.InvariantCulture))),
                        _ => throw new ArgumentException($"input {name} of {block.Opcode}"),
                    };
                }
                return id;
            }
            string EmitStack(Stack stack, string? parent, bool topLevel)
            {
                string? first = null, previous = null;
                foreach (var block in stack.Blocks)
                {
                    var id = Emit(block, previous ?? parent, topLevel && previous is null);
                    if (previous is not null) blocks[previous]!["next"] = id;
                    first ??= id;
                    previous = id;
                }
                return first!;
            }
            foreach (var script in sprite.Scripts) EmitStack(script, null, true);
            return blocks;
        }

        var targets = new JsonArray();
        var spriteBlocks = project.Sprites.Select(Blocks).ToList();
        var stage = new JsonObject
        {
            ["isStage"] = true, ["name"] = "Stage",
            ["variables"] = new JsonObject(variables.Select(v => KeyValuePair.Create(v.Value, (JsonNode?)new JsonArray(v.Key, 0)))),
            ["lists"] = new JsonObject(lists.Select(l => KeyValuePair.Create(l.Value, (JsonNode?)new JsonArray(l.Key, new JsonArray())))),
            ["broadcasts"] = new JsonObject(messages.Select(m => KeyValuePair.Create(m.Value, (JsonNode?)JsonValue.Create(m.Key)))),
            ["blocks"] = new JsonObject(), ["comments"] = new JsonObject(), ["currentCostume"] = 0, ["costumes"] = new JsonArray(),
            ["sounds"] = new JsonArray(), ["volume"] = 100, ["layerOrder"] = 0,
        };
        targets.Add(stage);
        foreach (var (sprite, blocks) in project.Sprites.Zip(spriteBlocks))
        {
            targets.Add(new JsonObject
            {
                ["isStage"] = false, ["name"] = sprite.Name, ["variables"] = new JsonObject(), ["lists"] = new JsonObject(),
                ["broadcasts"] = new JsonObject(), ["blocks"] = blocks, ["comments"] = new JsonObject(), ["currentCostume"] = 0,
                ["costumes"] = new JsonArray(), ["sounds"] = new JsonArray(), ["volume"] = 100, ["layerOrder"] = 1, ["visible"] = true,
                ["x"] = 0, ["y"] = 0, ["size"] = 100, ["direction"] = 90, ["draggable"] = false, ["rotationStyle"] = "all around",
            });
        }
        return new JsonObject
        {
            ["targets"] = targets, ["monitors"] = new JsonArray(), ["extensions"] = new JsonArray(),
            ["meta"] = new JsonObject { ["semver"] = "3.0.0", ["vm"] = "0.2.0", ["agent"] = "" },
        }.ToJsonString();
    }
}
