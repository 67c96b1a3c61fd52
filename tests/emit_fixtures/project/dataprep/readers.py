import glob

from bs4 import BeautifulSoup


def load_frames(directory):
    pages = [BeautifulSoup(open(path).read(), "html.parser") for path in sorted(glob.glob(f"{directory}/*.html"))]
    return [[float(cell.text) for cell in page.find_all("td")] for page in pages]
