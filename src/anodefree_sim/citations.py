"""BibTeX entries of the papers anodefree_sim is built from, registered with PyBaMM."""

from __future__ import annotations

import pybamm

CHOI2025 = """@article{Choi2025,
  title = {Silver exsolution from {Li}-argyrodite electrolytes for initially anode-free
           all-solid-state batteries},
  author = {Choi, Seung Ho and Baek, Chang Hoon and Oh, Jihoon and Lee, Geung-Jong and Kim, Minsoo
            and Lee, Hyesu and Yoo, Dong-Joo and Jung, Yoon Seok and Kim, KyungSu and Yu, Ji-Sang
            and Cho, Woosuk and Park, Haesun and Choi, Jang Wook},
  journal = {Nature Communications},
  year = {2025},
  doi = {10.1038/s41467-025-61074-9},
}"""

HUANG2024 = """@article{Huang2024,
  title = {Unlocking the Potential of {Li-Ag} Alloys: Phase Selection and Practical Application},
  author = {Huang, Yuping and Chen, Shiwei and Yang, Yu and Sun, Zhe-Tao and Yu, Xinyu and
            Guan, Chaohong and Ouyang, Runxin and Guo, Yunlong and Bo, Shou-Hang and Zhu, Hong},
  journal = {Energy Material Advances},
  year = {2024},
  doi = {10.34133/energymatadv.0108},
}"""

BIBTEX = {"Choi2025": CHOI2025, "Huang2024": HUANG2024}


def register_all() -> None:
    """Make the keys known to ``pybamm.citations`` (safe to call repeatedly)."""
    for entry in BIBTEX.values():
        pybamm.citations.register(entry)
