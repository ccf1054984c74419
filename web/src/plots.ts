// A chart on the page: an Observable Plot drawing under a title, with SVG and PNG download buttons.
// `update` redraws it; a caller that keeps its last good plot simply does not call update on bad input.

import * as Plot from '@observablehq/plot';

export interface ChartOptions {
  /** Element id of the chart (`chart-<id>`) and the downloaded file's name (`<id>.svg`, `<id>.png`). */
  id: string;
  title: string;
}

export interface Chart {
  readonly root: HTMLElement;
  /** Draws the plot anew from Plot options (width and height default to the chart's). */
  update(options: Plot.PlotOptions): void;
  /** The drawn SVG, or null before the first update. */
  svg(): SVGSVGElement | null;
}

const WIDTH = 440;
const HEIGHT = 280;

/** A chart with its title and download buttons, empty until the first update. */
export function chart({ id, title }: ChartOptions): Chart {
  const root = document.createElement('figure');
  root.className = 'chart';
  root.id = `chart-${id}`;
  const header = document.createElement('figcaption');
  const heading = document.createElement('span');
  heading.className = 'chart-title';
  heading.textContent = title;
  const body = document.createElement('div');
  body.className = 'chart-body';
  const svgButton = downloadButton('SVG', `Download “${title}” as SVG`);
  const pngButton = downloadButton('PNG', `Download “${title}” as PNG`);
  header.append(heading, svgButton, pngButton);
  root.append(header, body);

  let drawn: SVGSVGElement | null = null;
  svgButton.addEventListener('click', () => {
    if (drawn) saveBlob(new Blob([svgText(drawn)], { type: 'image/svg+xml' }), `${id}.svg`);
  });
  pngButton.addEventListener('click', () => {
    if (drawn) void pngBlob(drawn).then((blob) => saveBlob(blob, `${id}.png`));
  });
  return {
    root,
    update(options) {
      const node = Plot.plot({ width: WIDTH, height: HEIGHT, ...options });
      // Without a legend or caption Plot returns the <svg> itself; with one, a <figure> around it.
      drawn = node instanceof SVGSVGElement ? node : node.querySelector('svg');
      drawn?.setAttribute('role', 'img');
      drawn?.setAttribute('aria-label', title);
      body.replaceChildren(node);
    },
    svg: () => drawn,
  };
}

function downloadButton(text: string, label: string): HTMLButtonElement {
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'download';
  button.textContent = text;
  button.setAttribute('aria-label', label);
  return button;
}

/** The SVG as a standalone file: namespaces set, a white background behind it. */
export function svgText(svg: SVGSVGElement): string {
  const copy = svg.cloneNode(true) as SVGSVGElement;
  copy.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  copy.setAttribute('xmlns:xlink', 'http://www.w3.org/1999/xlink');
  copy.style.background = 'white';
  return new XMLSerializer().serializeToString(copy);
}

/** The SVG drawn onto a canvas at `scale`× (crisp on high-density screens) as a PNG. */
export function pngBlob(svg: SVGSVGElement, scale = 2): Promise<Blob> {
  const { width, height } = svg.viewBox.baseVal;
  const url = URL.createObjectURL(new Blob([svgText(svg)], { type: 'image/svg+xml' }));
  return new Promise<Blob>((resolve, reject) => {
    const image = new Image();
    image.onload = () => {
      const canvas = document.createElement('canvas');
      canvas.width = Math.round(width * scale);
      canvas.height = Math.round(height * scale);
      const context = canvas.getContext('2d')!;
      context.fillStyle = 'white';
      context.fillRect(0, 0, canvas.width, canvas.height);
      context.drawImage(image, 0, 0, canvas.width, canvas.height);
      URL.revokeObjectURL(url);
      canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('PNG encoding failed'))), 'image/png');
    };
    image.onerror = () => {
      URL.revokeObjectURL(url);
      reject(new Error('the SVG could not be drawn'));
    };
    image.src = url;
  });
}

/** Offers a blob as a file download. */
export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
