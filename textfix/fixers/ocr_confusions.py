NAME="ocr_confusions"
def propose(text, document): return []
