from collections import Counter

counter = Counter(input().split())
ordered = sorted(counter.items(), key=lambda item: (-item[1], item[0]))
for word, count in ordered:
    print(f"{word} {count}")
