"""Markdown table of every run in <work_dir>/bilstm/runs/*.json (training runs and seed averages)."""
import json

from _paths import RUNS

print("| run | inputs | train data | val F1 (epoch) | dev P | dev R | dev F1 | LOC | PER | ORG | MISC | train s | torch sent/s (model / +tensorising) | params |")
print("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
for p in sorted(RUNS.glob("*.json")):
    if p.name == "ensemble.json":
        continue
    r = json.loads(p.read_text()); d = r["dev"]; a = r.get("args", {})
    if "runs" in r:
        inputs, data, val, tr, sp, par = "avg of " + " + ".join(r["runs"]), "", "", "", "", ""
    else:
        inputs = "+".join(x for x, on in (("w2v word+stem", a["w2v_on"]), ("charCNN", a["char"]), ("flags", a["flags"]),
                                          ("CRF1 marginals", a["crf1"])) if on) + f", h={a['hidden']}, seed {a['seed']}"
        data = f"all 3642, {a['final_epochs']} ep" if a.get("final_epochs") else "3278 (val 364)"
        val = "n/a (trained on val)" if a.get("final_epochs") else f"{r['val_f1']:.4f} ({r['best_epoch']})"
        tr, sp, par = r["train_seconds"], f"{r['sent_per_s_model']} / {r['sent_per_s_with_tensorising']}", r["trainable_params"]
    print(f"| {r['name']} | {inputs} | {data} | {val} | {d['ALL']['p']:.3f} | {d['ALL']['r']:.3f} | **{d['ALL']['f1']:.4f}** | "
          + " | ".join(f"{d[t]['f1']:.3f}" for t in ("LOC", "PER", "ORG", "MISC")) + f" | {tr} | {sp} | {par} |")
