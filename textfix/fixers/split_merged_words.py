NAME="split_merged_words"
def propose(text, document): return []
