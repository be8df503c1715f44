import sys
from collections import defaultdict

freq = defaultdict(int)
for word in sys.stdin.readline().split():
    freq[word] += 1

max_count = max(freq.values()) if freq else 0
for c in range(max_count, 0, -1):
    for word in sorted(w for w in freq if freq[w] == c):
        print(word, c)
