def count_words(line):
    table = dict()
    for token in line.split():
        table[token] = table.get(token, 0) + 1
    return table


def report(table):
    keys = list(table.keys())
    keys.sort()
    keys.sort(key=lambda k: table[k], reverse=True)
    for k in keys:
        print(k, table[k])


report(count_words(input()))
