def count_claps(number):
    count = 0
    while number > 0:
        digit = number % 10
        if digit == 3 or digit == 6 or digit == 9:
            count = count + 1
        number = number // 10
    return count


limit = int(input())
i = 1
while i <= limit:
    c = count_claps(i)
    print(i if c == 0 else "짝" * c)
    i += 1
