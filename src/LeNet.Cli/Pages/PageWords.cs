using System.Globalization;

namespace LeNet.Cli.Pages;

/// <summary>The printed words of the synthetic pages: names, streets, towns, banks, and the numbers that go with them.</summary>
internal static class PageWords
{
    private static readonly string[] GivenNames = ["James", "Mary", "Robert", "Patricia", "John", "Jennifer", "Michael", "Linda", "David", "Elizabeth", "William", "Barbara", "Richard", "Susan", "Joseph", "Jessica", "Thomas", "Sarah", "Carlos", "Maria", "Wei", "Aiko", "Pierre", "Ingrid", "Kwame", "Fatima", "Olga", "Ravi", "Sofia", "Liam"];
    private static readonly string[] FamilyNames = ["Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez", "Martinez", "Hernandez", "Lopez", "Wilson", "Anderson", "Thomas", "Taylor", "Moore", "Jackson", "Martin", "Lee", "Thompson", "White", "Harris", "Clark", "Lewis", "Nguyen", "Okafor", "Schmidt", "Dubois", "Kowalski"];
    private static readonly string[] Companies = ["Acme Supply Co.", "Northwind Traders", "Blue River Insurance", "Summit Health Clinic", "Oak & Pine Realty", "First Street Dental", "Bright Future Academy", "Harbor Freight Lines", "Greenfield Utilities", "Maple Leaf Publishing", "City Water Dept.", "Atlas Engineering Inc."];
    private static readonly string[] Streets = ["Main", "Oak", "Maple", "Cedar", "Pine", "Elm", "Washington", "Lake", "Hill", "Park", "Sunset", "Lincoln", "Jackson", "River", "Church", "Highland", "Mill", "Spring", "Ridge", "Walnut", "Chestnut", "Franklin", "Madison", "Meadow"];
    private static readonly string[] StreetKinds = ["St", "St.", "Street", "Ave", "Avenue", "Rd", "Road", "Blvd", "Dr", "Drive", "Ln", "Lane", "Ct", "Way", "Pl", "Terrace"];
    private static readonly string[] Units = ["Apt", "Apt.", "Suite", "Ste", "Unit", "#", "Fl"];
    private static readonly (string City, string State)[] Towns =
    [
        ("Springfield", "IL"), ("Riverside", "CA"), ("Franklin", "TN"), ("Greenville", "SC"), ("Bristol", "CT"), ("Clinton", "IA"),
        ("Fairview", "OR"), ("Madison", "WI"), ("Georgetown", "TX"), ("Salem", "MA"), ("Arlington", "VA"), ("Ashland", "KY"),
        ("Burlington", "VT"), ("Dover", "DE"), ("Kingston", "NY"), ("Lexington", "KY"), ("Milton", "PA"), ("Newport", "RI"),
        ("Oxford", "MS"), ("Portland", "ME"), ("Red Bank", "NJ"), ("Santa Fe", "NM"), ("Tucson", "AZ"), ("Boulder", "CO"),
        ("Holmdel", "NJ"), ("Ann Arbor", "MI"), ("Eugene", "OR"), ("Billings", "MT"), ("Duluth", "MN"), ("Savannah", "GA"),
    ];
    private static readonly string[] Banks = ["First National Bank", "Citizens Trust", "Riverside Savings Bank", "Union Bank & Trust", "Commonwealth Credit Union", "Mercantile Bank", "Pioneer State Bank", "Harbor Federal Savings", "Bank of the Valley", "Granite Mutual", "Banque Populaire du Nord", "Alpine Kantonalbank"];
    private static readonly string[] Months = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
    private static readonly string[] Memos = ["Rent", "Invoice 4471", "Tuition", "Deposit", "Gift", "Repairs", "Membership 2026", "Acct 88213", "Services", ""];
    private static readonly string[] Ones = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"];
    private static readonly string[] Tens = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];

    /// <summary>A person's name, or now and then a company's, upper case for some senders.</summary>
    public static string Name(Random random)
    {
        string name = random.Chance(0.2) ? random.Pick(Companies)
            : random.Chance(0.3) ? $"{random.Pick(GivenNames)} {(char)('A' + random.Next(26))}. {random.Pick(FamilyNames)}"
            : $"{random.Pick(GivenNames)} {random.Pick(FamilyNames)}";
        return random.Chance(0.35) ? name.ToUpperInvariant() : name;
    }

    /// <summary>A street line with its house number: "4521 Oak St", now and then "PO Box 812".</summary>
    public static string Street(Random random) => random.Chance(0.1)
        ? $"PO Box {random.Next(1, 9999).ToString(CultureInfo.InvariantCulture)}"
        : $"{random.Next(1, random.Chance(0.5) ? 999 : 99999).ToString(CultureInfo.InvariantCulture)} {(random.Chance(0.15) ? random.Pick(["N", "S", "E", "W"]) + " " : "")}{random.Pick(Streets)} {random.Pick(StreetKinds)}";

    /// <summary>A unit line, "Apt 12B", for the address lines that have one.</summary>
    public static string Unit(Random random) => $"{random.Pick(Units)} {random.Next(1, 400).ToString(CultureInfo.InvariantCulture)}{(random.Chance(0.3) ? (char)('A' + random.Next(6)) : "")}";

    /// <summary>A town and its state.</summary>
    public static (string City, string State) Town(Random random) => random.Pick(Towns);

    /// <summary>A printed zip code: 5 digits, now and then ZIP+4.</summary>
    public static string Zip(Random random) => random.Digits(5) + (random.Chance(0.25) ? "-" + random.Digits(4) : "");

    /// <summary>A bank's name.</summary>
    public static string Bank(Random random) => random.Pick(Banks);

    /// <summary>A postmark date, "JAN 05 2026".</summary>
    public static string PostmarkDate(Random random) =>
        string.Create(CultureInfo.InvariantCulture, $"{random.Pick(Months)} {random.Next(1, 29):00} {random.Next(1995, 2031)}");

    /// <summary>A cheque's date in one of the ways people write them.</summary>
    public static string ChequeDate(Random random)
    {
        int day = random.Next(1, 29), month = random.Next(1, 13), year = random.Next(1995, 2031);
        return random.Next(4) switch
        {
            0 => string.Create(CultureInfo.InvariantCulture, $"{month:00}/{day:00}/{year}"),
            1 => string.Create(CultureInfo.InvariantCulture, $"{day}.{month}.{year}"),
            2 => string.Create(CultureInfo.InvariantCulture, $"{Months[month - 1]} {day}, {year}"),
            _ => string.Create(CultureInfo.InvariantCulture, $"{year}-{month:00}-{day:00}"),
        };
    }

    /// <summary>A memo line's text (sometimes none).</summary>
    public static string Memo(Random random) => random.Pick(Memos);

    /// <summary>The legal amount of <paramref name="amount"/> ("1,234.56") in words: "One thousand two hundred thirty-four and 56/100".</summary>
    public static string InWords(string amount)
    {
        string[] parts = amount.Replace(",", "", StringComparison.Ordinal).Split('.');
        long whole = long.Parse(parts[0], CultureInfo.InvariantCulture);
        string words = Words(whole);
        return $"{char.ToUpperInvariant(words[0])}{words[1..]} and {parts[1]}/100";
    }

    private static string Words(long n)
    {
        if (n < 20) return Ones[n];
        if (n < 100) return Tens[n / 10] + (n % 10 == 0 ? "" : "-" + Ones[n % 10]);
        if (n < 1000) return $"{Ones[n / 100]} hundred" + (n % 100 == 0 ? "" : " " + Words(n % 100));
        if (n < 1_000_000) return $"{Words(n / 1000)} thousand" + (n % 1000 == 0 ? "" : " " + Words(n % 1000));
        return $"{Words(n / 1_000_000)} million" + (n % 1_000_000 == 0 ? "" : " " + Words(n % 1_000_000));
    }
}
