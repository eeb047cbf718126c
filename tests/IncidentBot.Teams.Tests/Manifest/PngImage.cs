using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace IncidentBot.Teams.Tests.Manifest;

/// <summary>
/// A small PNG reader for the icon tests: checks the signature, reads IHDR, inflates the IDAT stream and undoes the
/// five scanline filters, for 8-bit RGB and RGBA images (what Teams icons are). Pixels come out as RGBA.
/// </summary>
internal sealed class PngImage
{
    private static readonly byte[] Signature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    private PngImage(int width, int height, byte colorType, byte[] rgba)
    {
        (Width, Height, ColorType, Rgba) = (width, height, colorType, rgba);
    }

    public int Width { get; }

    public int Height { get; }

    /// <summary>IHDR colour type: 2 RGB, 6 RGBA.</summary>
    public byte ColorType { get; }

    /// <summary>Width × height × 4 bytes.</summary>
    public byte[] Rgba { get; }

    public (byte R, byte G, byte B, byte A) Pixel(int x, int y)
    {
        var i = (y * Width + x) * 4;
        return (Rgba[i], Rgba[i + 1], Rgba[i + 2], Rgba[i + 3]);
    }

    public static PngImage Read(byte[] png)
    {
        if (!png.AsSpan().StartsWith(Signature)) throw new InvalidDataException("not a PNG signature");
        int width = 0, height = 0;
        byte colorType = 0;
        using var idat = new MemoryStream();
        for (var at = Signature.Length; at + 12 <= png.Length;)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(at));
            var type = Encoding.ASCII.GetString(png, at + 4, 4);
            var data = png.AsSpan(at + 8, length);
            if (type == "IHDR")
            {
                (width, height) = (BinaryPrimitives.ReadInt32BigEndian(data), BinaryPrimitives.ReadInt32BigEndian(data[4..]));
                if (data[8] != 8 || data[12] != 0) throw new InvalidDataException("only 8-bit, non-interlaced images are read");
                colorType = data[9];
            }
            else if (type == "IDAT") idat.Write(data);
            else if (type == "IEND") break;
            at += 12 + length;
        }
        if (width == 0 || colorType is not (2 or 6)) throw new InvalidDataException($"missing IHDR or colour type {colorType} not read");
        return new PngImage(width, height, colorType, Unfilter(Inflate(idat.ToArray()), width, height, colorType == 6 ? 4 : 3));
    }

    private static byte[] Inflate(byte[] zlib)
    {
        using var input = new ZLibStream(new MemoryStream(zlib), CompressionMode.Decompress);
        using var output = new MemoryStream();
        input.CopyTo(output);
        return output.ToArray();
    }

    private static byte[] Unfilter(byte[] raw, int width, int height, int bpp)
    {
        var stride = width * bpp;
        var rows = new byte[height * stride];
        for (var y = 0; y < height; y++)
        {
            var filter = raw[y * (stride + 1)];
            for (var x = 0; x < stride; x++)
            {
                var cur = raw[y * (stride + 1) + 1 + x];
                int a = x >= bpp ? rows[y * stride + x - bpp] : 0, b = y > 0 ? rows[(y - 1) * stride + x] : 0;
                int c = x >= bpp && y > 0 ? rows[(y - 1) * stride + x - bpp] : 0;
                rows[y * stride + x] = (byte)(cur + filter switch
                {
                    0 => 0,
                    1 => a,
                    2 => b,
                    3 => (a + b) / 2,
                    4 => Paeth(a, b, c),
                    _ => throw new InvalidDataException($"filter {filter}"),
                });
            }
        }
        if (bpp == 4) return rows;
        var rgba = new byte[width * height * 4];
        for (var i = 0; i < width * height; i++)
        {
            rows.AsSpan(i * 3, 3).CopyTo(rgba.AsSpan(i * 4));
            rgba[i * 4 + 3] = 255;
        }
        return rgba;
    }

    private static int Paeth(int a, int b, int c)
    {
        int p = a + b - c, pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }
}
