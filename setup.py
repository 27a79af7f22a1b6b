"""Packaging for animegan_keras: all metadata comes from settings.ini, the file nbdev 2 also reads."""
from configparser import ConfigParser
from pathlib import Path

import setuptools

here = Path(__file__).parent
config = ConfigParser(delimiters=["="])
config.read(here / "settings.ini", encoding="utf-8")
cfg = config["DEFAULT"]

licenses = {"apache2": "Apache-2.0"}   # an SPDX name: setuptools deprecates "License ::" classifiers
# trove classifiers number the development status from 1 (Planning) to 7 (Inactive)
statuses = {1: "Planning", 2: "Pre-Alpha", 3: "Alpha", 4: "Beta", 5: "Production/Stable", 6: "Mature", 7: "Inactive"}
license_name = licenses[cfg["license"]]
min_python = cfg["min_python"]


def requirements(key):
    return cfg.get(key, "").split()


setuptools.setup(
    name=cfg["lib_name"],
    version=cfg["version"],
    description=cfg["description"],
    long_description=(here / "README.md").read_text(encoding="utf-8"),
    long_description_content_type="text/markdown",
    keywords=cfg["keywords"],
    author=cfg["author"],
    author_email=cfg["author_email"],
    url=cfg["git_url"],
    license=license_name,
    classifiers=[
        f"Development Status :: {cfg['status']} - {statuses[int(cfg['status'])]}",
        f"Intended Audience :: {cfg['audience']}",
        f"Natural Language :: {cfg['language']}",
        "Programming Language :: Python :: 3",
        "Topic :: Scientific/Engineering :: Artificial Intelligence",
    ],
    # namespace packages: `assets` (shipped models, the cascade) has no __init__.py and is a package of data files
    packages=setuptools.find_namespace_packages(include=[cfg["lib_name"], cfg["lib_name"] + ".*"], exclude=["*.__pycache__"]),
    include_package_data=True,
    package_data={cfg["lib_name"]: ["assets/*"]},
    python_requires=f">={min_python}",
    install_requires=requirements("requirements"),
    extras_require={
        "cpu": requirements("cpu_requirements"),
        "gpu": requirements("gpu_requirements"),
        "dev": requirements("dev_requirements"),
        "twin": requirements("twin_requirements"),
    },
    entry_points={
        "console_scripts": requirements("console_scripts"),
        "nbdev": [f"{cfg['lib_name']}={cfg['lib_name']}._modidx:d"],
    },
    zip_safe=False,
)
