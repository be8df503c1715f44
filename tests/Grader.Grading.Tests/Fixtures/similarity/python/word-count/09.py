class WordCounter:
    def __init__(self):
        self.counts = {}

    def add(self, word):
        self.counts[word] = self.counts.get(word, 0) + 1

    def most_common(self):
        return sorted(self.counts.items(), key=lambda e: (-e[1], e[0]))


wc = WordCounter()
for token in input().split():
    wc.add(token)
for word, n in wc.most_common():
    print(word, n)
