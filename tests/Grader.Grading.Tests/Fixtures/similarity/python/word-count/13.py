def frequencies(words):
    result = {}
    for w in words:
        result[w] = 1 + (result[w] if w in result else 0)
    return result

def compare_key(entry):
    word, times = entry
    return (-times, word)

table = frequencies(input().split())
entries = sorted(table.items(), key=compare_key)
i = 0
while i < len(entries):
    print(entries[i][0], entries[i][1])
    i += 1
