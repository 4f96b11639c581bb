# Draws the held-out sample of data/eval/ai_labels_heldout.tsv from ../shared/data/real/job-hunting-data
# (python3, standard library only) and writes the three batches the labellers read to /tmp/heldout/.
# Usage: python3 data/eval/sample_heldout.py   (reads data/eval/ai_labels.tsv to leave its ids out)
import zipfile, io, re, glob, random, sys, os, json
os.makedirs('/tmp/heldout', exist_ok=True)
import xml.etree.ElementTree as ET
NS = '{http://schemas.openxmlformats.org/spreadsheetml/2006/main}'
root = os.path.join(os.path.dirname(os.path.abspath(__file__)), '../../../shared/data/real/')
def col_index(ref):
    n = 0
    for ch in ref:
        if ch.isalpha(): n = n * 26 + ord(ch) - 64
        else: break
    return n - 1
def rows(path):
    with zipfile.ZipFile(path) as z:
        data = z.read('job.xlsx')
    with zipfile.ZipFile(io.BytesIO(data)) as x:
        ss = []
        if 'xl/sharedStrings.xml' in x.namelist():
            for si in ET.fromstring(x.read('xl/sharedStrings.xml')).iter(NS + 'si'):
                ss.append(''.join(t.text or '' for t in si.iter(NS + 't')))
        sheet = [n for n in x.namelist() if n.startswith('xl/worksheets/sheet')][0]
        for r in ET.fromstring(x.read(sheet)).iter(NS + 'row'):
            vals = {}
            for c in r.iter(NS + 'c'):
                t = c.get('t'); v = c.find(NS + 'v')
                if t == 's' and v is not None: val = ss[int(v.text)]
                elif t == 'inlineStr': val = ''.join(tt.text or '' for tt in c.iter(NS + 't'))
                else: val = v.text if v is not None else ''
                vals[col_index(c.get('r'))] = val
            if vals: yield [vals.get(i, '') for i in range(max(vals) + 1)]
labelled = set()
for line in open(os.path.join(os.path.dirname(os.path.abspath(__file__)), 'ai_labels.tsv'), encoding='utf-8'):
    if line.startswith('#') or line.startswith('source\t'): continue
    p = line.split('\t'); labelled.add((p[0], p[1]))
title_re = re.compile(r'算法|机器学习|深度学习|NLP|视觉|大模型|人工智能|AI|智能|CV|图像|语音|自然语言|模型|标注|训练师|Agent|AIGC|LLM|GPT|感知|识别|推荐|数据挖掘|神经网络|强化学习|自动驾驶|机器人|知识图谱', re.I)
desc_re = re.compile(r'ai|机器学习|深度学习|神经网络|大模型|人工智能|算法|智能|模型|建模|标注|训练师|NLP|自然语言|视觉|图像|语音|识别|推荐|LLM|GPT|Agent|AIGC|RAG|GAN|SVM|ACL|NAS|TensorFlow|PyTorch|数据挖掘|OpenCV|YOLO', re.I)
seen = set(); heads = set(); pool = {'title': [], 'desc_only': [], 'rest': []}
for path in sorted(glob.glob(root + 'job-hunting-data/*/*/job.zip')):
    src = os.path.relpath(path, root) + '!job.xlsx'
    it = rows(path); header = next(it)
    ci = {h: i for i, h in enumerate(header)}
    for r in it:
        r += [''] * (len(header) - len(r))
        key = r[ci['职位自编号']]; desc = r[ci['职位描述']].strip(); title = r[ci['职位']].strip()
        if not key or not desc or key in seen: continue
        seen.add(key)
        if any((s, key) in labelled for s in [src]) or key in {k for _, k in labelled}: continue
        head = re.sub(r'\s+', '', desc)[:400]
        if head in heads: continue
        heads.add(head)
        st = 'title' if title_re.search(title) else ('desc_only' if desc_re.search(desc) else 'rest')
        pool[st].append({'source': src, 'key': key, 'title': title, 'desc': desc,
                         'benefits': r[ci['福利']] if '福利' in ci else '', 'company': r[ci.get('公司', ci.get('招聘公司', 0))]})
print({k: len(v) for k, v in pool.items()}, file=sys.stderr)
rng = random.Random(20261127)
quota = {'title': 110, 'desc_only': 110, 'rest': 40}
sample = []
for st in ['title', 'desc_only', 'rest']:
    for p in rng.sample(pool[st], quota[st]):
        p['stratum'] = st; sample.append(p)
rng.shuffle(sample)
for b in range(3):
    part = sample[b::3]
    with open(f'/tmp/heldout/batch_{b+1}.txt', 'w', encoding='utf-8') as f:
        for i, p in enumerate(part):
            f.write(f"===== #{i+1} source={p['source']} key={p['key']} stratum={p['stratum']}\n")
            f.write(f"TITLE: {p['title']}\nCOMPANY: {p['company']}\nBENEFITS: {p['benefits']}\nDESCRIPTION:\n{p['desc']}\n\n")
    with open(f'/tmp/heldout/batch_{b+1}.json', 'w', encoding='utf-8') as f:
        json.dump([{k: p[k] for k in ('source', 'key', 'stratum', 'title')} for p in part], f, ensure_ascii=False)
print(len(sample), file=sys.stderr)
