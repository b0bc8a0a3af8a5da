import { GetQueueUrlCommand, type SQSClient } from '@aws-sdk/client-sqs';

const cache = new WeakMap<SQSClient, Map<string, Promise<string>>>();

/**
 * A queue's URL by name, asked of SQS once per client. Asking (rather than building the URL from
 * account and region) gives the right answer in AWS and in the local world alike.
 */
export function queueUrl(client: SQSClient, queueName: string): Promise<string> {
  let urls = cache.get(client);
  if (!urls) {
    urls = new Map();
    cache.set(client, urls);
  }
  let url = urls.get(queueName);
  if (!url) {
    url = client.send(new GetQueueUrlCommand({ QueueName: queueName })).then((answer) => {
      if (!answer.QueueUrl) throw new Error(`SQS returned no URL for queue ${queueName}`);
      return answer.QueueUrl;
    });
    // A failed lookup is not remembered, so the next call asks again.
    url.catch(() => urls?.delete(queueName));
    urls.set(queueName, url);
  }
  return url;
}
