namespace LeNet.Data;

/// <summary>
/// The shape of a strip of handwritten digits and of the positions a space-displacement network reads
/// on it: strips are <see cref="Height"/> pixels high with digits at MNIST scale (the 20x20 box of a
/// 28x28 image, as in the 32x32 input of the field network); the field network, <see cref="Field"/>
/// pixels square, is replicated every <see cref="Step"/> input columns, so position p reads columns
/// [Step p, Step p + Field) and is centred on column Step p + Field / 2.
/// </summary>
public static class StripGeometry
{
    /// <summary>Height of a strip: the field network's input height.</summary>
    public const int Height = 32;
    /// <summary>Side of the field network's input.</summary>
    public const int Field = 32;
    /// <summary>Input columns between neighbouring positions (the product of the pooling strides).</summary>
    public const int Step = 4;
    /// <summary>Width of the strips this project writes and reads: 25 positions.</summary>
    public const int Width = 128;
    /// <summary>The strip row MNIST's row 14 (its centre of mass) lands on: 28x28 is padded by 2 to 32x32.</summary>
    public const float CentreRow = 16f;
    /// <summary>Answers per position: the ten digits and <see cref="NoDigit"/>.</summary>
    public const int Answers = 11;
    /// <summary>The answer "no digit is centred here".</summary>
    public const int NoDigit = 10;

    /// <summary>Positions on a strip <paramref name="width"/> columns wide: (width - Field) / Step + 1.</summary>
    /// <exception cref="ArgumentException">The width is narrower than the field or not a whole number of steps past it.</exception>
    public static int Positions(int width)
    {
        if (width < Field || (width - Field) % Step != 0)
            throw new ArgumentException($"A strip {width} pixels wide is not {Field} plus a multiple of {Step}.", nameof(width));
        return (width - Field) / Step + 1;
    }

    /// <summary>The input column position <paramref name="position"/> is centred on (continuous coordinates: pixel x covers [x, x + 1)).</summary>
    public static float Centre(float position) => Field / 2f + Step * position;

    /// <summary>The first digit centre a strip may hold: position 0's centre.</summary>
    public const float FirstCentre = Field / 2f;

    /// <summary>The last digit centre a strip <paramref name="width"/> wide may hold: the last position's centre.</summary>
    public static float LastCentre(int width) => width - Field / 2f;
}
