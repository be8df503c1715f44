// The similarity report on a seeded corpus: honest solutions of five tasks (three in Python, two in Scratch) with
// disguised copies planted among them (SimilarityCorpus). Prints per task and overall the recall on planted pairs and
// the share of honest pairs flagged, then one JSON object as the last line.
// Usage: Grader.SimilarityBench --fixtures DIR [--seeds N] [--copies N]
// (--fixtures is tests/Grader.Grading.Tests/Fixtures; each of N seeds, 1..N, plants --copies copies per task)
using System.Globalization;
using System.Text.Json.Nodes;
using Grader.Grading.Tests.Similarity;

var named = new Dictionary<string, string>();
for (var i = 0; i + 1 < args.Length; i += 2) named[args[i].TrimStart('-')] = args[i + 1];
var fixtures = named.TryGetValue("fixtures", out var dir) ? dir : throw new ArgumentException("--fixtures is required");
var seeds = named.TryGetValue("seeds", out var s) ? int.Parse(s, CultureInfo.InvariantCulture) : 20;
var copies = named.TryGetValue("copies", out var c) ? int.Parse(c, CultureInfo.InvariantCulture) : 8;

var perTask = new Dictionary<string, List<SimilarityScore>>();
var started = DateTime.UtcNow;
for (var seed = 1; seed <= seeds; seed++)
{
    foreach (var task in SimilarityCorpus.Generate(fixtures, seed, copies))
    {
        if (!perTask.TryGetValue(task.Name, out var scores)) perTask[task.Name] = scores = [];
        scores.Add(SimilarityScore.Of([task]));
    }
}
var elapsed = DateTime.UtcNow - started;

static SimilarityScore Sum(IEnumerable<SimilarityScore> scores) => scores.Aggregate(new SimilarityScore(0, 0, 0, 0),
    (a, b) => new SimilarityScore(a.Planted + b.Planted, a.PlantedFound + b.PlantedFound, a.Honest + b.Honest, a.HonestFlagged + b.HonestFlagged));

Console.WriteLine($"{"task",-14} {"planted",8} {"found",6} {"recall",7} {"honest",7} {"flagged",8} {"share",7}");
var total = Sum(perTask.Values.SelectMany(v => v));
foreach (var (name, score) in perTask.Select(p => (p.Key, Sum(p.Value))).Append(("all", total)))
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{name,-14} {score.Planted,8} {score.PlantedFound,6} {score.Recall,7:F3} {score.Honest,7} {score.HonestFlagged,8} {score.HonestFlaggedShare,7:P1}"));
}
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{seeds} seeds × {copies} copies per task in {elapsed.TotalSeconds:F1} s"));
Console.WriteLine(new JsonObject
{
    ["seeds"] = seeds,
    ["copies_per_task"] = copies,
    ["planted_pairs"] = total.Planted,
    ["recall"] = Math.Round(total.Recall, 4),
    ["honest_pairs"] = total.Honest,
    ["honest_flagged_share"] = Math.Round(total.HonestFlaggedShare, 4),
}.ToJsonString());
return total.Recall >= 0.9 && total.HonestFlaggedShare <= 0.05 ? 0 : 1;
