from functools import reduce

total = reduce(lambda a, b: a + b[1], students, 0)
print(f"{total / len(students):.1f}")
champion = reduce(lambda a, b: b if b[1] > a[1] else a, students)
print(champion[0])
cuts = {"A": 90, "B": 80, "C": 70, "D": 60}
for name, score in students:
    got = "F"
    for letter, cut in cuts.items():
        if score >= cut:
            got = letter
            break
    print(name, got)
