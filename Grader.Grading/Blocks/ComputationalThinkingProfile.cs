using System.Text.Json;
using System.Xml;
using System.Xml.Linq;
using Grader.Grading.Suites;

namespace Grader.Grading.Blocks;

/// <summary>
/// Dr. Scratch's computational-thinking dimensions, each 0–3 (Moreno-León, Robles and Román-González
/// 2015): what the program shows, not whether it is right. Feedback, not score (SPEC.md).
/// </summary>
public sealed record ComputationalThinkingProfile(
    int Abstraction, int Parallelism, int Logic, int Synchronization, int FlowControl,
    int UserInteractivity, int DataRepresentation)
{
    /// <summary>The profile of a program <see cref="BlockProgramReader"/> accepted.</summary>
    public static ComputationalThinkingProfile Of(BlockProgram program) => Score(ScriptsOf(program));

    /// <summary>The highest total: seven dimensions of at most 3.</summary>
    public const int MaxTotal = 21;

    public int Total => Abstraction + Parallelism + Logic + Synchronization + FlowControl + UserInteractivity + DataRepresentation;

    /// <summary>
    /// What a suite's <c>requires</c> can name, and the blocks that show it (any platform). README.md lists them.
    /// </summary>
    private static readonly Dictionary<string, Concept[]> s_constructs = new(StringComparer.OrdinalIgnoreCase)
    {
        ["loop"] = [Concept.Loop, Concept.ConditionalLoop],
        ["condition"] = [Concept.If, Concept.IfElse],
        ["else"] = [Concept.IfElse],
        ["logic"] = [Concept.LogicOperator],
        ["variable"] = [Concept.Variable],
        ["list"] = [Concept.List],
        ["procedure"] = [Concept.Procedure],
        ["function"] = [Concept.Procedure],
        ["broadcast"] = [Concept.Broadcast, Concept.BroadcastAndWait],
        ["ask"] = [Concept.Ask],
        ["wait"] = [Concept.Wait, Concept.WaitUntil],
        ["clone"] = [Concept.Clone],
    };

    /// <summary>The names in <paramref name="requires"/> that <paramref name="program"/> does not show; an unknown name is never shown.</summary>
    public static IReadOnlyList<string> MissingConstructs(BlockProgram program, IEnumerable<string> requires)
    {
        var used = ScriptsOf(program).SelectMany(script => script.Concepts).ToHashSet();
        return requires.Where(name => !s_constructs.TryGetValue(name, out var concepts) || !concepts.Any(used.Contains)).ToList();
    }

    private static IReadOnlyList<Script> ScriptsOf(BlockProgram program) => program.Language switch
    {
        ProgramLanguage.Scratch => ProgramScripts.FromScratch(program.Text),
        ProgramLanguage.Entry => ProgramScripts.FromEntry(program.Text),
        ProgramLanguage.Blockly => ProgramScripts.FromBlockly(program.Text),
        ProgramLanguage.Python => [],
    };

    private static ComputationalThinkingProfile Score(IReadOnlyList<Script> scripts)
    {
        var used = scripts.SelectMany(script => script.Concepts).ToHashSet();
        bool Has(Concept concept) => used.Contains(concept);
        // Two or more scripts started by the same event run at once.
        int StartedTogether(Func<string, bool> isEvent) =>
            scripts.Where(script => script.Start is { } start && isEvent(start))
                .GroupBy(script => script.Start).Any(group => group.Count() > 1) ? 1 : 0;

        var abstraction = Has(Concept.Clone) ? 3 : Has(Concept.Procedure) ? 2 : scripts.Count(script => script.Start is not null) > 1 ? 1 : 0;
        var parallelism =
            StartedTogether(start => start.StartsWith("message:", StringComparison.Ordinal) || start.StartsWith("backdrop:", StringComparison.Ordinal)) == 1 ? 3
            : StartedTogether(start => start.StartsWith("key:", StringComparison.Ordinal) || start == "clicked") == 1 ? 2
            : StartedTogether(start => start == "flag");
        var logic = Has(Concept.LogicOperator) ? 3 : Has(Concept.IfElse) ? 2 : Has(Concept.If) ? 1 : 0;
        var synchronization = Has(Concept.WaitUntil) || Has(Concept.BroadcastAndWait) ? 3
            : Has(Concept.Broadcast) || Has(Concept.StopAll) ? 2 : Has(Concept.Wait) ? 1 : 0;
        var flowControl = Has(Concept.ConditionalLoop) ? 3 : Has(Concept.Loop) ? 2 : scripts.Any(script => script.Length > 1) ? 1 : 0;
        var userInteractivity = Has(Concept.Sensor) ? 3 : Has(Concept.Ask) || Has(Concept.KeyOrClick) ? 2
            : scripts.Any(script => script.Start is not null) ? 1 : 0;
        var dataRepresentation = Has(Concept.List) ? 3 : Has(Concept.Variable) ? 2 : Has(Concept.SpriteProperty) ? 1 : 0;
        return new(abstraction, parallelism, logic, synchronization, flowControl, userInteractivity, dataRepresentation);
    }

    internal enum Concept
    {
        Procedure, Clone, If, IfElse, LogicOperator, Wait, Broadcast, StopAll, WaitUntil, BroadcastAndWait,
        Loop, ConditionalLoop, Ask, KeyOrClick, Sensor, Variable, List, SpriteProperty,
    }

    /// <summary>
    /// One script: what starts it ("flag", "key:space", "clicked", "message:ID", "backdrop:NAME",
    /// or null for loose blocks and definitions), how many blocks it has and which concepts they show.
    /// </summary>
    internal sealed record Script(string? Start, int Length, IReadOnlySet<Concept> Concepts);

    private static class ProgramScripts
    {
        public static IReadOnlyList<Script> FromScratch(string text)
        {
            using var document = JsonDocument.Parse(text);
            var scripts = new List<Script>();
            foreach (var target in document.RootElement.GetProperty("targets").EnumerateArray())
            {
                if (!target.TryGetProperty("blocks", out var blocks) || blocks.ValueKind != JsonValueKind.Object) continue;
                var byId = blocks.EnumerateObject().Where(block => block.Value.ValueKind == JsonValueKind.Object)
                    .ToDictionary(block => block.Name, block => block.Value);
                var childrenOf = byId
                    .Where(pair => pair.Value.TryGetProperty("parent", out var parent) && parent.ValueKind == JsonValueKind.String)
                    .ToLookup(pair => pair.Value.GetProperty("parent").GetString()!, pair => pair.Key);
                foreach (var (topId, top) in byId)
                {
                    if (!top.TryGetProperty("topLevel", out var topLevel) || !topLevel.GetBoolean()) continue;
                    var opcodes = new List<string>();
                    var pending = new Stack<string>([topId]);
                    while (pending.Count > 0)
                    {
                        var id = pending.Pop();
                        var block = byId[id];
                        // Shadows are the editable slots (numbers, menus), not blocks the child placed.
                        if (!block.TryGetProperty("shadow", out var shadow) || !shadow.GetBoolean()) opcodes.Add(ScratchBlocks.Opcode(block));
                        foreach (var child in childrenOf[id]) pending.Push(child);
                    }
                    scripts.Add(new Script(ScratchStart(top), opcodes.Count, Concepts(opcodes, ScratchConcept)));
                }
            }
            return scripts;
        }

        private static string? ScratchStart(JsonElement hat) => ScratchBlocks.Opcode(hat) switch
        {
            "event_whenflagclicked" => "flag",
            "event_whenkeypressed" => $"key:{Field(hat, "KEY_OPTION")}",
            "event_whenthisspriteclicked" or "event_whenstageclicked" => "clicked",
            "event_whenbroadcastreceived" => $"message:{Field(hat, "BROADCAST_OPTION")}",
            "event_whenbackdropswitchesto" => $"backdrop:{Field(hat, "BACKDROP")}",
            "control_start_as_clone" => "clone",
            "event_whengreaterthan" => "sensor",
            _ => null,
        };

        private static string Field(JsonElement block, string name) =>
            block.TryGetProperty("fields", out var fields) && fields.TryGetProperty(name, out var field)
                && field.ValueKind == JsonValueKind.Array && field.GetArrayLength() > 0
                ? field[0].ToString() : "";

        private static Concept? ScratchConcept(string opcode) => opcode switch
        {
            "procedures_definition" or "procedures_call" => Concept.Procedure,
            "control_create_clone_of" or "control_start_as_clone" => Concept.Clone,
            "control_if" => Concept.If,
            "control_if_else" => Concept.IfElse,
            "operator_and" or "operator_or" or "operator_not" => Concept.LogicOperator,
            "control_wait" => Concept.Wait,
            "event_broadcast" or "event_whenbroadcastreceived" => Concept.Broadcast,
            "control_stop" => Concept.StopAll,
            "control_wait_until" or "event_whenbackdropswitchesto" or "looks_switchbackdroptoandwait" => Concept.WaitUntil,
            "event_broadcastandwait" => Concept.BroadcastAndWait,
            "control_repeat" or "control_forever" => Concept.Loop,
            "control_repeat_until" => Concept.ConditionalLoop,
            "sensing_askandwait" or "sensing_answer" => Concept.Ask,
            "event_whenkeypressed" or "event_whenthisspriteclicked" or "event_whenstageclicked" or "sensing_keypressed"
                or "sensing_mousedown" or "sensing_mousex" or "sensing_mousey" => Concept.KeyOrClick,
            "event_whengreaterthan" or "sensing_loudness" or "videoSensing_videoOn" => Concept.Sensor,
            "data_setvariableto" or "data_changevariableby" or "data_showvariable" or "data_hidevariable" => Concept.Variable,
            _ when opcode.StartsWith("data_", StringComparison.Ordinal) && opcode.Contains("list", StringComparison.Ordinal) => Concept.List,
            _ when opcode.StartsWith("motion_", StringComparison.Ordinal) || opcode.StartsWith("looks_", StringComparison.Ordinal) => Concept.SpriteProperty,
            _ => null,
        };

        public static IReadOnlyList<Script> FromEntry(string text)
        {
            using var document = JsonDocument.Parse(text);
            var scripts = new List<Script>();
            foreach (var entryObject in document.RootElement.GetProperty("objects").EnumerateArray())
                scripts.AddRange(EntryThreads(entryObject, "script"));
            if (document.RootElement.TryGetProperty("functions", out var functions) && functions.ValueKind == JsonValueKind.Array)
            {
                foreach (var function in functions.EnumerateArray()) scripts.AddRange(EntryThreads(function, "content"));
            }
            return scripts;
        }

        private static IEnumerable<Script> EntryThreads(JsonElement owner, string property)
        {
            if (!owner.TryGetProperty(property, out var script)) yield break;
            using var threads = JsonDocument.Parse(script.ValueKind == JsonValueKind.String ? script.GetString()! : script.GetRawText());
            foreach (var thread in threads.RootElement.EnumerateArray())
            {
                if (thread.ValueKind != JsonValueKind.Array || thread.GetArrayLength() == 0) continue;
                var types = new List<string>();
                CollectEntryTypes(thread, types);
                yield return new Script(EntryStart(thread[0]), thread.GetArrayLength(), Concepts(types, EntryConcept));
            }
        }

        private static void CollectEntryTypes(JsonElement element, List<string> types)
        {
            if (element.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in element.EnumerateArray()) CollectEntryTypes(item, types);
            }
            else if (element.ValueKind == JsonValueKind.Object)
            {
                if (element.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String) types.Add(type.GetString()!);
                if (element.TryGetProperty("params", out var parameters)) CollectEntryTypes(parameters, types);
                if (element.TryGetProperty("statements", out var statements)) CollectEntryTypes(statements, types);
            }
        }

        private static string? EntryStart(JsonElement hat)
        {
            var type = hat.TryGetProperty("type", out var value) ? value.GetString() : null;
            var parameters = hat.TryGetProperty("params", out var list) && list.ValueKind == JsonValueKind.Array
                ? list.EnumerateArray().Where(param => param.ValueKind == JsonValueKind.String).Select(param => param.GetString()).ToList()
                : [];
            return type switch
            {
                "when_run_button_click" => "flag",
                "when_some_key_pressed" => $"key:{string.Join(",", parameters)}",
                "when_object_click" or "mouse_clicked" => "clicked",
                "when_message_cast" => $"message:{string.Join(",", parameters)}",
                "when_scene_start" => "backdrop:scene",
                "when_clone_start" => "clone",
                _ => null,
            };
        }

        private static Concept? EntryConcept(string type) => type switch
        {
            "function_create" or "function_create_value" => Concept.Procedure,
            _ when type.StartsWith("func_", StringComparison.Ordinal) => Concept.Procedure,
            "create_clone" or "when_clone_start" => Concept.Clone,
            "_if" => Concept.If,
            "if_else" => Concept.IfElse,
            "boolean_and_or" or "boolean_not" => Concept.LogicOperator,
            "wait_second" => Concept.Wait,
            "message_cast" or "when_message_cast" => Concept.Broadcast,
            "stop_object" => Concept.StopAll,
            // A scene starting is Entry's "when backdrop switches to".
            "wait_until_true" or "when_scene_start" => Concept.WaitUntil,
            "message_cast_wait" => Concept.BroadcastAndWait,
            "repeat_basic" or "repeat_inf" => Concept.Loop,
            "repeat_while_true" => Concept.ConditionalLoop,
            "ask_and_wait" or "get_canvas_input_value" => Concept.Ask,
            "when_some_key_pressed" or "when_object_click" or "mouse_clicked" or "is_press_some_key" or "is_clicked" => Concept.KeyOrClick,
            "set_variable" or "change_variable" or "get_variable" or "set_func_variable" or "get_func_variable" => Concept.Variable,
            "add_value_to_list" or "remove_value_from_list" or "insert_value_to_list" or "change_value_list_index"
                or "value_of_index_from_list" or "length_of_list" or "is_included_in_list" => Concept.List,
            _ when type.StartsWith("move_", StringComparison.Ordinal) || type.StartsWith("locate", StringComparison.Ordinal)
                || type.StartsWith("rotate_", StringComparison.Ordinal) || type.StartsWith("change_to_", StringComparison.Ordinal) => Concept.SpriteProperty,
            _ => null,
        };

        /// <summary>
        /// Blockly runs as one Python program: top-level blocks are statements of one sequence, so
        /// parallelism and events do not apply; the other dimensions map from its standard blocks.
        /// </summary>
        public static IReadOnlyList<Script> FromBlockly(string text)
        {
            var types = text.TrimStart().StartsWith('<') ? BlocklyXmlTypes(text) : BlocklyJsonTypes(text);
            return [new Script(null, types.Count, Concepts(types, BlocklyConcept))];
        }

        private static List<string> BlocklyXmlTypes(string text)
        {
            try
            {
                return XDocument.Parse(text).Descendants().Where(element => element.Name.LocalName == "block")
                    .Select(element => (string?)element.Attribute("type") ?? "").ToList();
            }
            catch (XmlException)
            {
                return [];
            }
        }

        private static List<string> BlocklyJsonTypes(string text)
        {
            using var document = JsonDocument.Parse(text);
            var types = new List<string>();
            var pending = new Stack<JsonElement>([document.RootElement]);
            while (pending.Count > 0)
            {
                var element = pending.Pop();
                if (element.ValueKind == JsonValueKind.Array)
                {
                    foreach (var item in element.EnumerateArray()) pending.Push(item);
                }
                else if (element.ValueKind == JsonValueKind.Object)
                {
                    foreach (var property in element.EnumerateObject())
                    {
                        if (property.Name == "type" && property.Value.ValueKind == JsonValueKind.String) types.Add(property.Value.GetString()!);
                        // Shadows are editable slots, not blocks the child placed.
                        else if (property.Name != "shadow") pending.Push(property.Value);
                    }
                }
            }
            return types;
        }

        private static Concept? BlocklyConcept(string type) => type switch
        {
            _ when type.StartsWith("procedures_", StringComparison.Ordinal) => Concept.Procedure,
            "controls_if" => Concept.If,
            "controls_ifelse" => Concept.IfElse,
            "logic_operation" or "logic_negate" => Concept.LogicOperator,
            "controls_repeat_ext" or "controls_repeat" or "controls_for" or "controls_forEach" => Concept.Loop,
            "controls_whileUntil" or "controls_flow_statements" => Concept.ConditionalLoop,
            "text_prompt_ext" or "text_prompt" => Concept.Ask,
            "variables_set" or "math_change" => Concept.Variable,
            _ when type.StartsWith("lists_", StringComparison.Ordinal) => Concept.List,
            _ => null,
        };

        private static HashSet<Concept> Concepts(IEnumerable<string> types, Func<string, Concept?> conceptOf) =>
            types.Select(conceptOf).OfType<Concept>().ToHashSet();
    }
}
