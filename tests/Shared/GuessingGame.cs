namespace Grader.Tests.Shared;

/// <summary>
/// The number-guessing game ("더 커요 / 더 작아요") as an interactive test: the student's program picks its number with
/// random, and the designer's interactor plays the user, guessing by halves within the range and the number of guesses
/// its input gives ("1 100 7").
/// </summary>
public static class GuessingGame
{
    public const string Input = "1 100 7\n";

    /// <summary>Exit 0 when the program says 정답 to a guess its earlier answers allow; 1 for anything else.</summary>
    public const string Interactor = """
        import sys

        low, high, guesses = map(int, open(sys.argv[1]).read().split())
        for turn in range(guesses):
            if low > high:
                sys.stderr.write("the answers contradict each other\n")
                sys.exit(1)
            guess = (low + high) // 2
            print(guess)
            answer = sys.stdin.readline().strip()
            if answer == "정답":
                sys.exit(0)
            if answer == "더 커요":
                low = guess + 1
            elif answer == "더 작아요":
                high = guess - 1
            else:
                sys.stderr.write("not an answer of the game: %r\n" % answer[:40])
                sys.exit(1)
        sys.stderr.write("no 정답 within %d guesses\n" % guesses)
        sys.exit(1)
        """;

    /// <summary>A child's solution: its prompt is not output, so the interactor reads only the answers.</summary>
    public const string Right = """
        import random

        secret = random.randint(1, 100)
        while True:
            guess = int(input("숫자를 맞혀 보세요: "))
            if guess < secret:
                print("더 커요")
            elif guess > secret:
                print("더 작아요")
            else:
                print("정답")
                break
        """;

    /// <summary>Never says 정답: every guess is too small, until the answers contradict each other.</summary>
    public const string Wrong = """
        while True:
            input()
            print("더 커요")
        """;

    /// <summary>Reads the first guess and never answers: it waits for a second guess that never comes.</summary>
    public const string Silent = """
        input()
        input()
        """;

    /// <summary>Answers with far more than anyone reads.</summary>
    public const string Flooding = """
        while True:
            print("더 커요" * 100)
        """;
}
