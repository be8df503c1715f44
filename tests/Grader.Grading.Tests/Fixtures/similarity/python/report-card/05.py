GRADES = [(90, "A"), (80, "B"), (70, "C"), (60, "D"), (0, "F")]

def to_grade(score):
    return next(letter for cut, letter in GRADES if score >= cut)

def summary(data):
    count = len(data)
    total = sum(map(lambda d: d[1], data))
    winner = sorted(data, key=lambda d: d[1], reverse=True)[0]
    return total / count, winner[0]

mean, winner = summary(students)
print(f"{mean:.1f}")
print(winner)
print("\n".join(f"{n} {to_grade(s)}" for n, s in students))
