# Draws the population sample of data/eval/category_labels.tsv (issue 18): what kind of AI work
# postings are (AI_TAXONOMY.md), measured on every real dataset, not on a sample drawn to hold AI jobs.
#
# Frame: every posting `jobsift annotate` reads from ../shared/data/real/<dataset>, once
#   (job-hunting-data: once per 职位自编号, at its first row; elsewhere: once per exact (title, company,
#   city, description)). The frame is read through jobsift (annotate --keep-all) only so that a posting's
#   source and key are the ones `jobsift eval` finds again; labellers never see jobsift's output.
# Strata per dataset (a partition of the frame):
#   T  postings the `report` definition flags (any AI-lexicon term anywhere: jobsift --ai-rule report);
#   P  the rest of the keyword pool: any of a broad list of AI-ish words (POOL below: 人工智能, 智能, 算法,
#      模型, 视觉, 语音, 识别, 推荐, 标注, 训练师, 机器人, AI as a word, ...) in any input column;
#   O  outside the pool.
#   T and P together are the keyword pool of AI_TAXONOMY.md; T is drawn apart so that the sample holds
#   enough of the postings any definition can flag. Each stratum is a simple random sample (or a census
#   where QUOTA asks for more than it holds); population figures weight each stratum by its size.
# Seed 20261205: random.Random(SEED).sample per (dataset, stratum) in the order of DATASETS and 'TPO',
#   then the sample is shuffled and cut into batches of BATCH postings for the labellers.
# A second draw (--more, seed 20261207) adds QUOTA_MORE postings of stratum T to the first, drawn from the
#   T postings the first did not take: the union of the two is again a simple random sample of T, and the
#   labels of both are weighted as one sample (frame.tsv counts both).
#
# Usage: /usr/bin/python3 data/eval/sample_population.py build/bin/jobsift OUTDIR [--more FIRST_MANIFEST]
#   writes OUTDIR/frame.tsv (frame sizes), OUTDIR/manifest.tsv (batch, n, dataset, source, key,
#   stratum) and OUTDIR/batch_NN.txt (what a labeller reads: no stratum, no jobsift output).
import json, os, random, re, subprocess, sys, tempfile

SEED = 20261205
BATCH = 120
DATASETS = ['51job-2018-fengxian', '51job-2019-bigdata', 'boss-2025-hangzhou', 'job-hunting-data',
            'liepin-2019-data-analyst']
QUOTA = {  # per dataset: T, P, O
    '51job-2018-fengxian': (1000, 1000, 60),
    '51job-2019-bigdata': (200, 80, 60),
    'boss-2025-hangzhou': (1000, 1000, 60),
    'job-hunting-data': (800, 250, 150),
    'liepin-2019-data-analyst': (1000, 60, 60),
}
POOL = re.compile(
    r'(?<![A-Za-z])AI(?![A-Za-z])|人工智能|智能|算法|模型|建模|机器学习|深度学习|神经网络|大模型|视觉|图像|语音|识别|'
    r'自然语言|NLP|LLM|GPT|AIGC|Agent|RAG|推荐|数据挖掘|标注|训练师|机器人|自动驾驶|感知|知识图谱|强化学习|PyTorch|'
    r'TensorFlow|(?<![A-Za-z])CV(?![A-Za-z])|OCR|SLAM|Stable ?Diffusion|Midjourney|ChatGPT|DeepSeek|文心|通义|数字人|'
    r'扣子|Copilot|Cursor', re.I)
DESCRIPTION = ('职位描述', '岗位信息', '工作文字信息', 'requirements', 'description', '#6')
SHOWN = {  # input columns a labeller reads besides title, company and description, by label
    'INDUSTRY': ('公司行业', '所属行业', '#10'),
    'TAGS': ('技能要求', '职位标签', '技能', 'keyword', '职位类型'),
    'SALARY': ('薪资', '最低薪资', '最高薪资', '薪酬low', '薪酬high', '#5'),
    'EXPERIENCE/DEGREE': ('工作经验', '所需经验', '学历', '学历要求', '工作年限'),
    'BENEFITS': ('福利', '其他方面', '#4'),
}
MAX_DESCRIPTION = 2000
SEED_MORE = 20261207
QUOTA_MORE = {'51job-2019-bigdata': 329, 'job-hunting-data': 1200}


def read_dataset(jobsift, root, ds, tmp):
    out = os.path.join(tmp, ds + '.jsonl')
    subprocess.run([jobsift, 'annotate', '-q', '--keep-all', '--ai-rule', 'report', os.path.join(root, ds),
                    '-o', out], check=False)
    seen, frame = set(), []
    for line in open(out, encoding='utf-8'):
        r = json.loads(line)
        inp = r['input']
        desc = next((inp[c] for c in DESCRIPTION if inp.get(c)), '')
        key = r['id'] if ds == 'job-hunting-data' else (r['position'], r['company_name'], r['city'] or '', desc)
        if key in seen:
            continue
        seen.add(key)
        r['description'] = desc
        text = ' '.join(v for v in inp.values() if v)
        r['stratum'] = 'T' if r['ai'] else ('P' if POOL.search(text) else 'O')
        frame.append(r)
    return frame


def shown(r):
    inp = r['input']
    lines = [f"TITLE: {r['position']}", f"COMPANY: {r['company_name']}"]
    for label, cols in SHOWN.items():
        vals = [f'{inp[c]}' for c in cols if inp.get(c)]
        if vals:
            lines.append(f"{label}: {' / '.join(vals)}")
    desc = r['description'].replace('_x000d_', '').strip()
    if len(desc) > MAX_DESCRIPTION:
        desc = desc[:MAX_DESCRIPTION] + ' …[cut]'
    lines.append('DESCRIPTION:\n' + (desc if desc else '(none)'))
    return '\n'.join(lines)


def write_batches(sample, outdir, root, prefix):
    with open(os.path.join(outdir, 'manifest.tsv'), 'w', encoding='utf-8') as fm:
        fm.write('batch\tn\tdataset\tsource\tkey\tstratum\n')
        for b in range(0, len(sample), BATCH):
            part = sample[b:b + BATCH]
            name = f'{prefix}_{b // BATCH + 1:02d}'
            with open(os.path.join(outdir, name + '.txt'), 'w', encoding='utf-8') as fb:
                for i, r in enumerate(part, 1):
                    key = r['id'] or f"line:{r['line']}"
                    src = os.path.relpath(r['source'], root) if os.path.isabs(r['source']) else r['source']
                    src = src.split('shared/data/real/')[-1]
                    fm.write(f"{name}\t{i}\t{r['dataset']}\t{src}\t{key}\t{r['stratum']}\n")
                    fb.write(f'===== #{i}\n{shown(r)}\n\n')
    print(f'{len(sample)} postings in {(len(sample) + BATCH - 1) // BATCH} batches -> {outdir}', file=sys.stderr)


def main():
    jobsift, outdir = sys.argv[1], sys.argv[2]
    more = sys.argv[4] if len(sys.argv) > 4 and sys.argv[3] == '--more' else None
    root = os.path.join(os.path.dirname(os.path.abspath(__file__)), '../../../shared/data/real')
    os.makedirs(outdir, exist_ok=True)
    frames = {}
    with tempfile.TemporaryDirectory() as tmp:
        for ds in DATASETS:
            frames[ds] = read_dataset(jobsift, root, ds, tmp)
    if more:
        taken = set()
        for line in open(more, encoding='utf-8'):
            if line.startswith('batch\t'):
                continue
            cols = line.rstrip('\n').split('\t')
            taken.add((cols[2], cols[4]))
        rng = random.Random(SEED_MORE)
        sample = []
        for ds in DATASETS:
            if ds not in QUOTA_MORE:
                continue
            members = [r for r in frames[ds] if r['stratum'] == 'T' and (ds, r['id'] or f"line:{r['line']}") not in taken]
            for r in rng.sample(members, min(QUOTA_MORE[ds], len(members))):
                r['dataset'] = ds
                sample.append(r)
        rng.shuffle(sample)
        write_batches(sample, outdir, root, 'more')
        return
    rng = random.Random(SEED)
    sample = []
    with open(os.path.join(outdir, 'frame.tsv'), 'w') as ft:
        ft.write('dataset\tstratum\tframe\tsampled\n')
        for ds in DATASETS:
            frame = frames[ds]
            for stratum, quota in zip('TPO', QUOTA[ds]):
                members = [r for r in frame if r['stratum'] == stratum]
                drawn = rng.sample(members, min(quota, len(members)))
                ft.write(f'{ds}\t{stratum}\t{len(members)}\t{len(drawn)}\n')
                for r in drawn:
                    r['dataset'] = ds
                    sample.append(r)
    rng.shuffle(sample)
    write_batches(sample, outdir, root, 'batch')


if __name__ == '__main__':
    main()
