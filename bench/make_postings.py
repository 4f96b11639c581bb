#!/usr/bin/env python3
"""Writes a CSV of synthetic Chinese job postings for the reader benchmark.

Realistic in shape, not in statistics (the calibrated generator is
`jobsift gen`, issue 7): a header of site-style column names, quoted HTML
descriptions with commas, CRLF newlines and now and then "" quotes inside,
list-literal and NBSP-padded cells. About 6% of rows are AI jobs (as in the real data); others now and then
carry traps (PS/AI, "…经验者优先", an AI company blurb). Row size and quote
density follow the
real multi-line CSV we have (boss-2025-hangzhou/job_details_with_text.csv:
about 1.6 KB and 2.2 ASCII quotes per row; Chinese text quotes with “”).
Deterministic for a seed.

usage: make_postings.py OUT.csv --mb 1024 [--seed 1]
"""
import argparse
import random

# About 6% of postings are AI jobs, as in the real datasets (job-hunting-data:
# 6.2%) and the reference report; the others carry the usual traps now and then.
AI_SHARE = 0.06
AI_TITLES = ["AI算法工程师", "机器学习工程师", "大模型应用工程师", "NLP算法工程师", "计算机视觉工程师"]
TITLES = ["前端开发工程师", "Java开发", "数据分析师", "销售经理", "产品经理", "测试工程师", "运营专员",
          "财务会计", "嵌入式软件工程师", "平面设计师", "人事专员", "机械工程师"]
CITIES = ["北京", "上海-浦东新区", "深圳·南山区", "广州", "杭州", "成都", "南京·栖霞区", "苏州", "西安", "郑州"]
SALARIES = ["1.2-2.2万", "8千-1.2万", "15-25K·13薪", "4-8千/月", "10-15万/年", "面议", "150元/天", "['1-1.5万/月']"]
DEGREES = ["本科", "硕士", "大专", "博士", "学历不限", "统招本科"]
EXPERIENCE = ["3-5年", "1-3年", "经验不限", "在校/应届", "5-10年", "10年以上"]
SIZES = ["\u00a0\u00a0500-1000人 \u00a0", "20-99人", "1000-9999人", "10000人以上", "少于50人"]
INDUSTRIES = ["计算机软件", "互联网/电子商务", "电子/半导体/集成电路", "医疗设备/器械", "人力资源服务"]
AI_DUTIES = ["负责机器学习模型的训练、评估与部署", "参与推荐系统和排序算法的研发", "熟悉“PyTorch”或 TensorFlow 等深度学习框架",
             "负责大模型微调与RAG应用开发", "负责数据清洗、特征工程, 编写 SQL", "撰写技术文档，与团队协作沟通"]
DUTIES = ["维护客户关系，完成销售指标", "负责前端页面开发，使用 Vue、React", "整理财务报表，协助审计",
          "负责数据清洗、报表开发, 编写 SQL", "撰写技术文档，与团队协作沟通", "负责产品需求分析与原型设计",
          "负责招聘与员工关系", "完成机械结构设计与图纸绘制", "参与嵌入式驱动开发，熟悉 STM32"]
TRAPS = ["熟练使用PS/AI等设计软件", "有机器学习经验者优先", "公司介绍：我们是一家人工智能科技公司，专注智能制造",
         "熟悉Oracle数据库"]
BENEFITS = ["五险一金", "带薪年假", "定期体检", "年终奖金", "周末双休", "员工旅游", "餐补", "专业培训"]


def description(rng, ai):
    duties = AI_DUTIES if ai else DUTIES
    items = "".join("<li>%d、%s；</li>" % (i + 1, rng.choice(duties)) for i in range(rng.randint(5, 12)))
    reqs = "".join("<li>%s</li>\r\n" % rng.choice(duties) for _ in range(rng.randint(3, 8)))
    quoted = ' 熟悉 ""Excel"" 者优先' if rng.random() < 0.1 else ""
    trap = "<p>%s</p>" % rng.choice(TRAPS) if not ai and rng.random() < 0.1 else ""
    return ("<p>岗位职责：</p><ol>%s</ol>\r\n<p>任职要求：</p><ol>%s</ol>%s%s<p>福利待遇：%s</p>"
            % (items, reqs, quoted, trap, "，".join(rng.sample(BENEFITS, 3))))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--mb", type=float, default=1024)
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    rng = random.Random(a.seed)
    target = int(a.mb * 1e6)
    # A pool of distinct rows, cycled with a running id: fast and deterministic.
    pool = []
    for _ in range(4000):
        ai = rng.random() < AI_SHARE
        pool.append('%s,%s,%s,%s,%s,%s,\x00,%s,%s,"%s"\r\n' % (
            "2024-0%d-%02d" % (rng.randint(1, 6), rng.randint(1, 28)), rng.choice(AI_TITLES if ai else TITLES),
            rng.choice(CITIES), rng.choice(SALARIES), rng.choice(DEGREES), rng.choice(EXPERIENCE), rng.choice(SIZES),
            rng.choice(INDUSTRIES), description(rng, ai)))
    written = 0
    with open(a.out, "w", encoding="utf-8", newline="") as f:
        header = "职位ID,发布日期,职位名称,城市,薪资,学历要求,工作经验,公司名称,公司规模,公司行业,职位描述\r\n"
        f.write(header)
        written += len(header.encode())
        i = 0
        block = []
        # The company name carries the row number, so rows are distinct
        # postings (the pool would otherwise repeat them).
        parts = [p.split("\x00") for p in pool]
        while written < target:
            pre, post = parts[i % len(parts)]
            row = "%d,%s某某科技%d有限公司%s" % (i, pre, i, post)
            block.append(row)
            written += len(row.encode())
            i += 1
            if len(block) == 10000:
                f.write("".join(block))
                block = []
        f.write("".join(block))


if __name__ == "__main__":
    main()
