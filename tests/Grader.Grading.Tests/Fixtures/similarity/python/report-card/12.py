def grade_for(score):
    match score // 10:
        case 10 | 9:
            return "A"
        case 8:
            return "B"
        case 7:
            return "C"
        case 6:
            return "D"
        case _:
            return "F"


def print_report(rows):
    avg = sum(x for _, x in rows) / len(rows)
    print(f"{avg:.1f}")
    print(sorted(rows, key=lambda x: x[1])[-1][0])
    for who, x in rows:
        print(who, grade_for(x))


print_report(students)
