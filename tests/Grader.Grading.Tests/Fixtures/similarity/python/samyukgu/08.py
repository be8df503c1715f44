def is_clap_digit(d):
    return d in (3, 6, 9)


def digits(n):
    result = []
    while n:
        result.append(n % 10)
        n //= 10
    return result


total = int(input())
for value in range(1, total + 1):
    number_of_claps = len([d for d in digits(value) if is_clap_digit(d)])
    if number_of_claps:
        print("짝" * number_of_claps)
    else:
        print(value)
