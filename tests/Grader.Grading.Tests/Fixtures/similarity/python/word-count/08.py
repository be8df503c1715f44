words = input().split()
print("\n".join(f"{w} {words.count(w)}" for w in sorted(set(words), key=lambda w: (-words.count(w), w))))
