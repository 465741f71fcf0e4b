using FraudDetection.Model;

namespace FraudDetection.Detection.DynamicRules;

/// <summary>The value a dynamic rule's window is keyed by: a number (Account_Id, no allocation) or a text.</summary>
internal readonly record struct GroupKey(long Number, string? Text)
{
    /// <summary>False when the transaction lacks the (optional) field: the rule does not apply to it.</summary>
    public static bool TryGet(RuleField field, Transaction transaction, out GroupKey key)
    {
        if (field == RuleField.AccountId)
        {
            key = new GroupKey(transaction.AccountId, null);
            return true;
        }

        var text = field.Text(transaction);
        key = new GroupKey(0, text);
        return text is not null;
    }
}
