"""An independent client for deploy-stack's tests: reads back through boto3 what a stack made.

  readback.py ENDPOINT inventory PREFIX [REGION]  -> what exists whose name starts with PREFIX
  readback.py ENDPOINT stack NAME [REGION]        -> the stack, its change sets, and each resource
                                                     read back from its own service by physical id
REGION defaults to us-east-1. Prints one JSON document.
"""
import json
import sys

import boto3
from botocore.exceptions import ClientError

endpoint, mode, name = sys.argv[1], sys.argv[2], sys.argv[3]
region = sys.argv[4] if len(sys.argv) > 4 else "us-east-1"


def client(service):
    return boto3.client(service, region_name=region, endpoint_url=endpoint,
                        aws_access_key_id="testing", aws_secret_access_key="testing")


cfn, iam, s3, ecr, logs, kms = (client(s) for s in ("cloudformation", "iam", "s3", "ecr", "logs", "kms"))


def inventory(prefix):
    stacks = [s["StackName"] for s in cfn.describe_stacks()["Stacks"] if s["StackName"].startswith(prefix)]
    return {
        "stacks": stacks,
        "roles": [r["RoleName"] for r in iam.list_roles()["Roles"] if r["RoleName"].startswith(prefix)],
        "buckets": [b["Name"] for b in s3.list_buckets().get("Buckets", []) if b["Name"].startswith(prefix)],
        "repositories": [r["repositoryName"] for r in ecr.describe_repositories()["repositories"]
                         if r["repositoryName"].startswith(prefix)],
        "logGroups": [g["logGroupName"] for g in logs.describe_log_groups()["logGroups"]
                      if prefix in g["logGroupName"]],
    }


def read(resource_type, physical_id):
    """The resource as its own service describes it; raises when it does not exist."""
    if resource_type == "AWS::IAM::Role":
        role = iam.get_role(RoleName=physical_id)["Role"]
        policies = iam.list_role_policies(RoleName=physical_id)["PolicyNames"]
        return {"arn": role["Arn"], "path": role["Path"], "trust": role["AssumeRolePolicyDocument"],
                "policies": sorted(policies)}
    if resource_type == "AWS::S3::Bucket":
        s3.head_bucket(Bucket=physical_id)
        versioning = s3.get_bucket_versioning(Bucket=physical_id).get("Status")
        try:
            policy = json.loads(s3.get_bucket_policy(Bucket=physical_id)["Policy"])
        except ClientError:
            policy = None
        return {"versioning": versioning, "policy": policy}
    if resource_type == "AWS::ECR::Repository":
        repo = ecr.describe_repositories(repositoryNames=[physical_id])["repositories"][0]
        return {"uri": repo["repositoryUri"], "tagMutability": repo["imageTagMutability"],
                "scanning": repo.get("imageScanningConfiguration")}
    if resource_type == "AWS::Logs::LogGroup":
        groups = logs.describe_log_groups(logGroupNamePrefix=physical_id)["logGroups"]
        group = [g for g in groups if g["logGroupName"] == physical_id][0]
        return {"retentionInDays": group.get("retentionInDays")}
    if resource_type == "AWS::KMS::Key":
        # ListKeys, not DescribeKey: moto keeps a CloudFormation-made key's policy as an object,
        # and its DescribeKey then fails (500).
        arns = [k["KeyArn"] for k in kms.list_keys()["Keys"] if k["KeyId"] == physical_id]
        if not arns:
            raise IndexError("no KMS key " + physical_id)
        return {"arn": arns[0]}
    return {"unchecked": True}


def stack(stack_name):
    try:
        s = cfn.describe_stacks(StackName=stack_name)["Stacks"][0]
    except ClientError:
        return {"exists": False}
    resources = []
    for r in cfn.list_stack_resources(StackName=s["StackId"])["StackResourceSummaries"]:
        if "LogicalResourceId" not in r:
            # moto lists a resource type it cannot create (AWS::S3::BucketPolicy) without ids
            continue
        entry = {"logicalId": r["LogicalResourceId"], "type": r["ResourceType"],
                 "physicalId": r.get("PhysicalResourceId")}
        try:
            entry["read"] = read(r["ResourceType"], r.get("PhysicalResourceId"))
        except (ClientError, IndexError) as e:
            entry["error"] = str(e)
        resources.append(entry)
    change_sets = [c for c in cfn.list_change_sets(StackName=s["StackId"])["Summaries"]
                   if c.get("StackId") == s["StackId"]]
    return {"exists": True, "status": s["StackStatus"], "outputs": {o["OutputKey"]: o["OutputValue"] for o in s.get("Outputs", [])},
            "changeSets": [{"name": c["ChangeSetName"], "execution": c.get("ExecutionStatus")} for c in change_sets],
            "resources": resources}


print(json.dumps(inventory(name) if mode == "inventory" else stack(name), default=str))
