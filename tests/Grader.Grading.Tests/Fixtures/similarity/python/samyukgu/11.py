n = int(input())
answers = []
i = 0
while True:
    i += 1
    if i > n:
        break
    s = str(i)
    c = 0
    for digit in "369":
        c += s.count(digit)
    answers.append(s if c == 0 else "짝" * c)
for a in answers:
    print(a)
