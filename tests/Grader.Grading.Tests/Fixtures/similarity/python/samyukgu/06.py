N = int(input())
print("\n".join(("짝" * sum(c in "369" for c in str(i))) or str(i) for i in range(1, N + 1)))
