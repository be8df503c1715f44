using static Grader.Grading.Tests.Similarity.Scratch;

namespace Grader.Grading.Tests.Similarity;

/// <summary>
/// Honest Scratch solutions of two small tasks, each written another way, as a class hands them in: the sum of 1 to
/// n, and the largest of five numbers.
/// </summary>
internal static class ScratchSolutions
{
    private static Sprite Cat(params Stack[] scripts) => new("고양이", scripts);

    public static IReadOnlyList<Project> SumToN =>
    [
        new([Cat(Flag(Ask("n?"), Set("n", Answer), Set("합", 0), Set("i", 1),
            Repeat(V("n"), Change("합", V("i")), Change("i", 1)), Say(V("합"))))]),
        new([Cat(Flag(Ask("수를 입력하세요"), Say(Math("divide", Math("multiply", Answer, Math("add", Answer, 1)), 2))))]),
        new([Cat(Flag(Ask("n"), Set("total", 0), Set("k", Answer),
            Until(Compare("lt", V("k"), 1), Change("total", V("k")), Change("k", -1)), SayFor(V("total"), 2)))]),
        new([Cat(Flag(Ask("몇까지?"), Set("끝", Answer), Broadcast("계산")),
            WhenReceived("계산", Set("s", 0), Set("x", 0),
                Until(Compare("equals", V("x"), V("끝")), Change("x", 1), Change("s", V("x"))), Say(V("s"))))]),
        new([Cat(Flag(Ask("n을 입력"), Clear("수들"), Set("i", 1),
            Repeat(Answer, Add("수들", V("i")), Change("i", 1)),
            Set("합계", 0), Set("i", 1),
            Repeat(Length("수들"), Change("합계", Item("수들", V("i"))), Change("i", 1)), Say(V("합계"))))]),
        new([Cat(Flag(Ask("n"), Set("answer", 0), Set("c", Answer), Call("더하기"), Say(V("answer"))),
            Define("더하기", Repeat(V("c"), Change("answer", V("c")), Change("c", -1))))]),
        new([Cat(Flag(Ask("?"), Set("n", Answer), Set("sum", 0), Set("i", 0),
            Forever(Change("i", 1), Change("sum", V("i")), If(Compare("equals", V("i"), V("n")), Say(V("sum")), Stop))))]),
        new([new Sprite("로봇", [Flag(Ask("n"), Set("합", Math("multiply", Math("divide", Answer, 2), Math("add", Answer, 1))),
            IfElse(Compare("gt", Answer, 0), [Say(Round(V("합")))], [Say(0)]))])]),
        new([Cat(Flag(Ask("숫자"), Set("n", Answer), Set("결과", 0),
            Repeat(V("n"), IfElse(Compare("gt", V("n"), 0), [Change("결과", V("n")), Change("n", -1)], [Wait(0)])),
            Say(Join("합은 ", V("결과")))))]),
        new([Cat(Flag(Ask("n?"), Set("i", 1), Set("total", 0), BroadcastAndWait("더해"), Say(V("total"))),
            WhenReceived("더해", Until(Compare("gt", V("i"), Answer), Change("total", V("i")), Change("i", 1))))]),
    ];

    public static IReadOnlyList<Project> LargestOfFive =>
    [
        new([Cat(Flag(Ask("수 1"), Set("최대", Answer),
            Repeat(4, Ask("다음 수"), If(Compare("gt", Answer, V("최대")), Set("최대", Answer))), Say(V("최대"))))]),
        new([Cat(Flag(Clear("수"), Repeat(5, Ask("수?"), Add("수", Answer)),
            Set("i", 2), Set("m", Item("수", 1)),
            Repeat(4, If(Compare("gt", Item("수", V("i")), V("m")), Set("m", Item("수", V("i")))), Change("i", 1)),
            Say(V("m"))))]),
        new([Cat(Flag(Set("big", -1000000), Set("count", 0),
            Until(Compare("equals", V("count"), 5), Ask("number"), Change("count", 1),
                IfElse(Compare("gt", Answer, V("big")), [Set("big", Answer)], [])),
            SayFor(Join("가장 큰 수: ", V("big")), 3)))]),
        new([Cat(Flag(Ask("a"), Set("a", Answer), Ask("b"), Set("b", Answer), Ask("c"), Set("c", Answer),
            Ask("d"), Set("d", Answer), Ask("e"), Set("e", Answer), Set("max", V("a")),
            If(Compare("gt", V("b"), V("max")), Set("max", V("b"))), If(Compare("gt", V("c"), V("max")), Set("max", V("c"))),
            If(Compare("gt", V("d"), V("max")), Set("max", V("d"))), If(Compare("gt", V("e"), V("max")), Set("max", V("e"))),
            Say(V("max"))))]),
        new([Cat(Flag(Clear("list"), Repeat(5, Ask("?"), Add("list", Answer)), Broadcast("찾기")),
            WhenReceived("찾기", Set("best", Item("list", 1)), Set("j", 1),
                Repeat(Length("list"), IfElse(Compare("lt", V("best"), Item("list", V("j"))), [Set("best", Item("list", V("j")))], [Wait(0)]),
                    Change("j", 1)),
                Say(V("best"))))]),
        new([Cat(Flag(Set("n", 0), Set("top", ""), Repeat(5, Ask("입력"), Call("비교")), Say(V("top"))),
            Define("비교", If(B("operator_or", ("OPERAND1", Compare("equals", V("top"), "")), ("OPERAND2", Compare("gt", Answer, V("top")))),
                Set("top", Answer))))]),
        new([new Sprite("공", [Flag(Ask("첫 수"), Set("큰수", Answer), Set("남은", 4),
            Until(Compare("lt", V("남은"), 1), Ask("수"), Change("남은", -1),
                If(Not(Compare("lt", Answer, V("큰수"))), Set("큰수", Answer))),
            Say(V("큰수")), Move(10))])]),
        new([Cat(Flag(Clear("values"), Repeat(5, Ask("value"), Add("values", Answer)), Set("k", 1), Set("found", 0),
            Until(Compare("equals", V("found"), 1),
                Set("found", 1), Set("p", 1),
                Repeat(5, If(Compare("gt", Item("values", V("p")), Item("values", V("k"))), Set("found", 0)), Change("p", 1)),
                If(Compare("equals", V("found"), 0), Change("k", 1))),
            Say(Item("values", V("k")))))]),
        new([Cat(Flag(Set("m", 0), Set("first", 1), Repeat(5, Ask("수를 주세요"),
                IfElse(Compare("equals", V("first"), 1), [Set("m", Answer), Set("first", 0)],
                    [Set("m", Math("add", Math("divide", Math("add", V("m"), Answer), 2),
                        Math("divide", MathOp("abs", Math("subtract", V("m"), Answer)), 2)))])),
            Say(V("m"))))]),
        new([Cat(Flag(Clear("수들"), Repeat(5, Ask("?"), Add("수들", Answer)), Set("답", Item("수들", 1)),
            Set("i", 5), Until(Compare("equals", V("i"), 1),
                If(Compare("lt", V("답"), Item("수들", V("i"))), Set("답", Item("수들", V("i")))), Change("i", -1)),
            Say(Join("최댓값은 ", Join(V("답"), " 입니다")))))]),
    ];
}
