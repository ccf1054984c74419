"""Plain PyTorch training loops for side-by-side speed ratios (bench/pytorch.ts runs this for the benches).

Not the peers' code: minimal loops with the same data, model, loss and optimiser as
Michaud et al.'s sparse-parity-v4 script and Nam et al.'s time-emergence runs (docs/trainer.md), data generated with tensor
ops (faster than either peer's generator, so the ratios are conservative). Prints one JSON object.

usage: python3 train_step.py nam|michaud|eval WIDTH BATCH STEPS THREADS
Run it as bench/pytorch.ts does, with OMP_NUM_THREADS, OPENBLAS_NUM_THREADS and MKL_NUM_THREADS set to THREADS:
torch.set_num_threads below does not bound OpenBLAS's own threads.
"""
import itertools
import json
import sys
import time

import torch


def nam_task(batch, gen):
    n_s, n_b, m, alpha, S = 5, 32, 3, 0.6, 5.0
    masks = torch.randperm(n_b, generator=gen)[: m * n_s].view(n_s, m)
    probs = torch.arange(1, n_s + 1, dtype=torch.float64) ** -(alpha + 1)
    probs /= probs.sum()

    def sample(skills=None):
        if skills is None:
            skills = torch.multinomial(probs, batch, replacement=True, generator=gen)
        bits = torch.randint(0, 2, (skills.shape[0], n_b), generator=gen).float()
        x = torch.cat([torch.nn.functional.one_hot(skills, n_s).float(), bits], 1)
        parity = bits.gather(1, masks[skills]).sum(1).remainder(2)
        return x, S * (1 - 2 * parity)

    return sample, n_s + n_b


def michaud_task(batch, gen):
    n_tasks, n, k, zipf = 100, 50, 3, 1.5
    masks = torch.stack([torch.randperm(n, generator=gen)[:k] for _ in range(n_tasks)])
    probs = torch.arange(1, n_tasks + 1, dtype=torch.float64) ** -zipf
    probs /= probs.sum()

    def sample():
        tasks = torch.multinomial(probs, batch, replacement=True, generator=gen)
        bits = torch.randint(0, 2, (batch, n), generator=gen).float()
        x = torch.cat([torch.nn.functional.one_hot(tasks, n_tasks).float(), bits], 1)
        y = bits.gather(1, masks[tasks]).sum(1).remainder(2).long()
        return x, y

    return sample, n_tasks + n


def main():
    setting, width, batch, steps, threads = sys.argv[1], *map(int, sys.argv[2:6])
    torch.set_num_threads(threads)
    gen = torch.Generator().manual_seed(0)
    torch.manual_seed(0)
    if setting == 'michaud':
        sample, d = michaud_task(batch, gen)
        model = torch.nn.Sequential(torch.nn.Linear(d, width), torch.nn.ReLU(), torch.nn.Linear(width, 2))
        opt = torch.optim.AdamW(model.parameters(), lr=1e-3, weight_decay=0.0)
        loss_fn = torch.nn.CrossEntropyLoss()
    else:
        sample, d = nam_task(batch, gen)
        model = torch.nn.Sequential(torch.nn.Linear(d, width), torch.nn.ReLU(), torch.nn.Linear(width, 1))
        for p in model.parameters():
            torch.nn.init.normal_(p, 0.0, 0.01)
        opt = torch.optim.SGD(model.parameters(), lr=0.02)
        loss_fn = torch.nn.MSELoss()

    if setting == 'eval':
        sets = [sample(torch.full((20000,), k, dtype=torch.long))[0] for k in range(5)]
        with torch.no_grad():
            for x in sets:
                model(x)
            t0 = time.perf_counter()
            for _ in range(steps):
                for x in sets:
                    model(x)
            seconds = (time.perf_counter() - t0) / steps
        print(json.dumps({'setting': setting, 'width': width, 'threads': threads, 'seconds_per_eval': seconds}))
        return

    def step():
        x, y = sample()
        opt.zero_grad()
        out = model(x)
        loss = loss_fn(out if setting == 'michaud' else out.flatten(), y)
        loss.backward()
        opt.step()

    # Warm-up as emergence-lab's timeSteps: half a second and at least five steps.
    warm = time.perf_counter() + 0.5
    for i in itertools.count():
        if i >= 5 and time.perf_counter() >= warm:
            break
        step()
    # Five equal segments, as emergence-lab's benchTrain times them: the median segment is robust to a
    # noisy machine.
    segment = max(1, steps // 5)
    times = []
    t0 = time.perf_counter()
    for _ in range(5):
        s0 = time.perf_counter()
        for _ in range(segment):
            step()
        times.append(1000 * (time.perf_counter() - s0) / segment)
    seconds = time.perf_counter() - t0
    print(json.dumps({'setting': setting, 'width': width, 'threads': threads,
                      'steps_per_s': 5 * segment / seconds, 'ms_per_step': 1000 * seconds / (5 * segment),
                      'ms_per_step_median': sorted(times)[2]}))


if __name__ == '__main__':
    main()
