import cleaner, random, sys, re
from cleaner import Config
random.seed(int(sys.argv[1]) if len(sys.argv)>1 else 0)
TAGS = ["div","p","span","a","b","i","em","strong","h1","h2","h3","li","ul","ol","td","tr","table","th","blockquote","pre","code","section","article","header","footer","nav","aside","figure","figcaption","label","button","dt","dd","dl","details","summary","sup","sub","small","mark","q","cite","time","address","main","center","font","u","s","del","ins","abbr","noscript","select","option","textarea","caption","thead","tbody","legend","fieldset","form","output","big","tt","marquee","object","video","audio","canvas","svg","math","iframe","title","template","xmp","plaintext","listing","font","wbr","br","hr","img","input","meta","link"]
VOID = {"br","hr","img","input","meta","link","wbr"}
cnt = [0]
def word():
    cnt[0]+=1; return f"zq{cnt[0]}x"
def node(depth):
    if depth > 6 or random.random() < 0.3:
        w = word(); return w + (" " if random.random()<0.5 else ""), [w]
    t = random.choice(TAGS)
    if t in VOID:
        if t == "img":
            w = word(); return f"<img alt='{w}'>", []
        return f"<{t}>", []
    kids = [node(depth+1) for _ in range(random.randint(0,4))]
    html = "".join(k[0] for k in kids); words = [w for k in kids for w in k[1]]
    return f"<{t}>{html}</{t}>", words
for it in range(int(sys.argv[2]) if len(sys.argv)>2 else 200):
    cnt[0] = 0
    h, words = node(0)
    doc = "<!DOCTYPE html><html><head><title>T</title></head><body>" + h + "</body></html>"
    d = cleaner.clean(doc, Config(input_format="html"))
    missing = [w for w in words if w not in d.source]
    # words in source but in no block?
    dup = [w for w in words if d.source.count(w) > 1]
    if missing:
        # find enclosing tags of missing words
        ctx = [re.search(r"(<[^<>]*>)*[^<>]*" + w, doc) for w in missing[:3]]
        print("MISSING", missing[:5], "of", len(words), "|", [doc[max(0,doc.find(w)-80):doc.find(w)+10] for w in missing[:2]])
    if dup:
        print("DUP", dup[:5])
